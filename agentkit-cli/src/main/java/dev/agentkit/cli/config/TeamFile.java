package dev.agentkit.cli.config;

import dev.agentkit.core.chat.Rooms;
import dev.agentkit.core.schedule.Schedule;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.core.topology.TopologyBuilder;
import dev.agentkit.core.turn.TurnBudget;
import dev.agentkit.core.worker.WorkerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads {@code agentkit.yaml} into a {@link TeamConfig}. Strict: an unknown key, a value of the
 * wrong kind, a missing sheet or a secret fails with the file, line and key, so a typo never
 * silently changes what a team does. The format is documented in agentkit-cli/README.md and in
 * the file {@code agentkit init} writes.
 */
public final class TeamFile {
    /** The file name the commands look for. */
    public static final String NAME = "agentkit.yaml";
    private static final Pattern NAME_RULE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

    private TeamFile() {
    }

    /** Reads and checks {@code file}. */
    public static TeamConfig read(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs)) {
            throw new TeamFileException(abs, 1, "", "no such file; run 'agentkit init' to write one, or pass --file");
        }
        YamlNode root = YamlNode.read(abs);
        SecretGuard.check(root);
        root.allowOnly("name", "workspace", "roadmap", "servers", "topology", "routing", "worker", "agents");
        Path dir = abs.getParent();
        String name = root.get("name").map(YamlNode::text).orElse(dir.getFileName().toString());
        Path workspace = path(dir, root.get("workspace").orElse(null), "workspace");
        Path roadmap = path(dir, root.get("roadmap").orElse(null), "ROADMAP.md");
        ServerSettings servers = servers(root.get("servers"));
        Topology topology = topology(root.get("topology"));
        Optional<YamlNode> defaults = root.get("worker");
        List<AgentEntry> agents = new ArrayList<>();
        YamlNode agentsNode = root.require("agents");
        for (Map.Entry<String, YamlNode> e : agentsNode.entries().entrySet()) {
            agents.add(agent(dir, e.getKey(), e.getValue(), defaults));
        }
        if (agents.isEmpty()) {
            throw agentsNode.fail("names no agent");
        }
        Map<String, String> routes = new LinkedHashMap<>();
        agents.forEach(a -> routes.put(a.role(), a.role()));
        root.get("routing").ifPresent(r -> r.entries().forEach((tag, role) -> {
            if (agents.stream().noneMatch(a -> a.role().equals(role.text()))) {
                throw role.fail("no agent takes role '" + role.text() + "'");
            }
            routes.put(tag, role.text());
        }));
        return new TeamConfig(abs, name, workspace, roadmap, servers, topology, routes, agents);
    }

    private static AgentEntry agent(Path dir, String name, YamlNode n, Optional<YamlNode> defaults) {
        if (!NAME_RULE.matcher(name).matches()) {
            throw n.fail("an agent's name must be 1-32 lower-case letters, digits, '-' or '_'");
        }
        n.allowOnly("sheet", "role", "rooms", "schedule", "budget", "announce", "worker");
        Path sheet = path(dir, n.get("sheet").orElse(null), "agents/" + name + ".md");
        if (!Files.isRegularFile(sheet)) {
            throw n.get("sheet").orElse(n).fail("character sheet " + sheet + " does not exist");
        }
        String role = n.get("role").map(YamlNode::text).orElse(name);
        if (!NAME_RULE.matcher(role).matches()) {
            throw n.require("role").fail("a role must be 1-32 lower-case letters, digits, '-' or '_'");
        }
        List<String> rooms = n.get("rooms").map(r -> r.items().stream().map(YamlNode::text).toList())
                .orElse(List.of(Rooms.GENERAL));
        Optional<String> announce = n.get("announce").map(YamlNode::text);
        return new AgentEntry(name, sheet, role, rooms.isEmpty() ? List.of(Rooms.GENERAL) : rooms,
                schedule(n.get("schedule")), budget(n.get("budget")), announce, worker(dir, n, defaults));
    }

    private static Schedule schedule(Optional<YamlNode> node) {
        if (node.isEmpty()) {
            return Schedule.every(Duration.ofMinutes(30));
        }
        YamlNode n = node.get().allowOnly("every", "at", "onlyWithWork");
        Duration every = n.get("every").map(Durations::parse).orElse(Duration.ofMinutes(30));
        Duration at = n.get("at").map(Durations::parse).orElse(Duration.ZERO);
        try {
            Schedule s = Schedule.every(every).at(at);
            return n.get("onlyWithWork").map(TeamFile::bool).orElse(false) ? s.onlyWhenThereIsWork() : s;
        } catch (IllegalArgumentException e) {
            throw n.fail(e.getMessage());
        }
    }

    private static TurnBudget budget(Optional<YamlNode> node) {
        if (node.isEmpty()) {
            return TurnBudget.DEFAULT;
        }
        YamlNode n = node.get().allowOnly("items", "time");
        int items = n.get("items").map(TeamFile::integer).orElse(TurnBudget.DEFAULT.maxItems());
        Duration time = n.get("time").map(Durations::parse).orElse(TurnBudget.DEFAULT.maxDuration());
        try {
            return new TurnBudget(items, time);
        } catch (IllegalArgumentException e) {
            throw n.fail(e.getMessage());
        }
    }

    private static WorkerEntry worker(Path dir, YamlNode agent, Optional<YamlNode> defaults) {
        Optional<YamlNode> own = agent.get("worker");
        own.ifPresent(w -> w.allowOnly("command", "timeout", "retryDelay", "environment"));
        defaults.ifPresent(w -> w.allowOnly("command", "timeout", "retryDelay", "environment"));
        YamlNode commandNode = pick(own, defaults, "command").orElseThrow(() -> agent.fail(
                "has no worker command: set worker.command here or at the top of the file"));
        List<String> command = commandNode.type() == YamlNode.Type.SCALAR
                ? List.of(commandNode.text().strip().split("\\s+"))
                : commandNode.items().stream().map(YamlNode::text).toList();
        if (command.isEmpty() || command.get(0).isBlank()) {
            throw commandNode.fail("the worker command names no program");
        }
        List<String> resolved = new ArrayList<>(command);
        if (command.get(0).contains("/") && !Path.of(command.get(0)).isAbsolute()) {
            resolved.set(0, dir.resolve(command.get(0)).normalize().toString());
        }
        Duration timeout = pick(own, defaults, "timeout").map(Durations::parse).orElse(WorkerSettings.DEFAULT_TIMEOUT);
        Duration retry = pick(own, defaults, "retryDelay").map(Durations::parse).orElse(WorkerSettings.DEFAULT_RETRY_DELAY);
        Map<String, String> env = new LinkedHashMap<>();
        defaults.flatMap(d -> d.get("environment")).ifPresent(e -> e.entries().forEach((k, v) -> env.put(k, v.text())));
        own.flatMap(d -> d.get("environment")).ifPresent(e -> e.entries().forEach((k, v) -> env.put(k, v.text())));
        return new WorkerEntry(resolved, timeout, retry, env);
    }

    private static Optional<YamlNode> pick(Optional<YamlNode> own, Optional<YamlNode> defaults, String key) {
        return own.flatMap(o -> o.get(key)).or(() -> defaults.flatMap(d -> d.get(key)));
    }

    private static ServerSettings servers(Optional<YamlNode> node) {
        if (node.isEmpty()) {
            return new ServerSettings(Optional.empty(), Optional.empty());
        }
        YamlNode n = node.get().allowOnly("nats", "matrix");
        Optional<String> url = n.get("nats").map(x -> x.allowOnly("url")).flatMap(x -> x.get("url")).map(YamlNode::text);
        Optional<ServerSettings.Matrix> matrix = n.get("matrix").map(m -> {
            m.allowOnly("url", "serverName", "operator", "commanders");
            List<String> commanders = m.get("commanders").map(c -> c.items().stream().map(YamlNode::text).toList())
                    .orElse(List.of());
            String operator = m.get("operator").map(YamlNode::text).orElse(commanders.isEmpty() ? null : commanders.get(0));
            if (operator == null) {
                throw m.fail("needs an operator (the account that creates the rooms) or commanders");
            }
            return new ServerSettings.Matrix(m.require("url").text(),
                    m.get("serverName").map(YamlNode::text).orElse("localhost"), operator, commanders);
        });
        return new ServerSettings(url, matrix);
    }

    private static Topology topology(Optional<YamlNode> node) {
        if (node.isEmpty()) {
            return Topology.workshopDefault();
        }
        YamlNode n = node.get().allowOnly("replicas", "ackWait", "maxDeliver", "maxMessages", "maxAge", "maxAckPending");
        TopologyBuilder b = Topology.builder();
        try {
            n.get("replicas").ifPresent(v -> b.replicas(integer(v)));
            n.get("ackWait").ifPresent(v -> b.ackWait(Durations.parse(v)));
            n.get("maxDeliver").ifPresent(v -> b.maxDeliver(integer(v)));
            n.get("maxMessages").ifPresent(v -> b.maxMessages(integer(v)));
            n.get("maxAge").ifPresent(v -> b.maxAge(Durations.parse(v)));
            n.get("maxAckPending").ifPresent(v -> b.maxAckPending(integer(v)));
            return b.build();
        } catch (IllegalArgumentException e) {
            throw n.fail(e.getMessage());
        }
    }

    private static Path path(Path dir, YamlNode node, String fallback) {
        return dir.resolve(node == null ? fallback : node.text()).normalize();
    }

    private static int integer(YamlNode n) {
        try {
            return Integer.parseInt(n.text().strip());
        } catch (NumberFormatException e) {
            throw n.fail("expected a whole number, was '" + n.text() + "'");
        }
    }

    private static boolean bool(YamlNode n) {
        return switch (n.text().strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw n.fail("expected true or false, was '" + n.text() + "'");
        };
    }
}
