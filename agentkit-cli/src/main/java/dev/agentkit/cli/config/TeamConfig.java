package dev.agentkit.cli.config;

import dev.agentkit.core.oversight.Team;
import dev.agentkit.core.topology.Topology;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A team as {@code agentkit.yaml} describes it, with every path made absolute against the
 * file's directory. Read by {@link TeamFile#read}; used by every {@code agentkit} command that
 * acts on the team.
 *
 * @param file      the yaml file
 * @param name      the team's name
 * @param workspace the git checkout the agents work in
 * @param roadmap   the roadmap {@code agentkit drain} reads
 * @param servers   where the servers are
 * @param topology  the streams and consumers, with the file's limits
 * @param routes    tag → role for routing the roadmap (each role routes its own name too)
 * @param agents    the agents, in file order
 */
public record TeamConfig(Path file, String name, Path workspace, Path roadmap, ServerSettings servers,
                         Topology topology, Map<String, String> routes, List<AgentEntry> agents) {
    public TeamConfig {
        routes = Map.copyOf(routes);
        agents = List.copyOf(agents);
    }

    /** The directory of the yaml file: relative paths in it start here. */
    public Path dir() {
        return file.toAbsolutePath().getParent();
    }

    /** The agent called {@code name}, if the team has one. */
    public Optional<AgentEntry> agent(String name) {
        return agents.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** Agent → role, in file order. */
    public Map<String, String> roles() {
        Map<String, String> roles = new LinkedHashMap<>();
        agents.forEach(a -> roles.put(a.name(), a.role()));
        return roles;
    }

    /** The team for oversight commands. */
    public Team team() {
        return Team.of(roles());
    }
}
