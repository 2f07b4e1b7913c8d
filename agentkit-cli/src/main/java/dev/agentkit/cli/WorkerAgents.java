package dev.agentkit.cli;

import dev.agentkit.cli.config.AgentEntry;
import dev.agentkit.cli.config.TeamConfig;
import dev.agentkit.core.agent.AgentDefinition;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.worker.WorkerAgent;
import dev.agentkit.core.worker.WorkerSettings;
import dev.agentkit.examples.team.Workspaces;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds the {@link WorkerAgent} of an {@code agentkit.yaml} entry: its config (name, role,
 * first room, budget, retry delay), its parsed character sheet and its worker settings. The
 * team's workspace is made a git repository (with a local identity and a first commit) when it
 * is not one yet. Used by {@code turn} and {@code up}.
 */
public final class WorkerAgents {
    private WorkerAgents() {
    }

    /** The agent of {@code entry} on {@code runtime} (which should carry the agent's chat seat). */
    public static WorkerAgent create(TeamConfig team, AgentEntry entry, AgentRuntime runtime) {
        AgentConfig config = AgentConfig.builder(entry.name()).role(entry.role()).room(entry.rooms().get(0))
                .budget(entry.budget()).failureDelay(entry.worker().retryDelay()).build();
        WorkerSettings.Builder settings = WorkerSettings.builder(entry.worker().command(), ensureWorkspace(team.workspace()))
                .announce(entry.announce().orElse(null)).timeout(entry.worker().timeout())
                .retryDelay(entry.worker().retryDelay());
        entry.worker().environment().forEach(settings::environment);
        return new WorkerAgent(config, runtime, AgentDefinition.parse(entry.sheet()), settings.build());
    }

    /** {@code dir}, made a git repository first if it is not one. */
    static synchronized Path ensureWorkspace(Path dir) {
        if (!Files.isDirectory(dir.resolve(".git"))) {
            try {
                Files.createDirectories(dir);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot create the workspace " + dir, e);
            }
            Workspaces.init(dir, "Start of the team's workspace");
        }
        return dir;
    }
}
