package dev.agentkit.cli.commands;

import dev.agentkit.cli.Printer;
import dev.agentkit.cli.TeamServers;
import dev.agentkit.cli.config.TeamConfig;
import dev.agentkit.routing.TagRouter;
import dev.agentkit.routing.drain.DrainReport;
import dev.agentkit.routing.drain.Placement;
import dev.agentkit.routing.drain.QueueDrainer;
import dev.agentkit.routing.roadmap.RoadmapSource;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code agentkit drain [ROADMAP.md]}: routes the roadmap's open requirements by their tags (the
 * file's {@code routing}, and each role's own name) and publishes each to its role's queue,
 * exactly once: the requirement id is the message id, and published ids are remembered in the
 * team's KV store, so a second run publishes nothing twice. Unroutable ones are dead-lettered.
 */
@Command(name = "drain", mixinStandardHelpOptions = true,
        description = "Route the roadmap's open requirements and publish each to its role's queue, exactly once.")
public final class DrainCommand extends TeamCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "ROADMAP", description = "The roadmap (default: the file's roadmap).")
    Path roadmap;

    @Override
    public Integer call() {
        Printer out = printer();
        try (TeamServers servers = connect()) {
            DrainReport report = drain(servers, roadmap != null ? roadmap : team.config().roadmap());
            List<Map<String, String>> rows = report.placements().stream().map(DrainCommand::row).toList();
            List<String> text = new java.util.ArrayList<>(report.placements().stream().map(Placement::summary).toList());
            text.add(report.summary());
            out.result(Map.of("placements", rows, "complete", report.complete()), text);
            return report.failed().isEmpty() ? 0 : 1;
        }
    }

    /**
     * Drains {@code roadmap} onto the team's queues; shared with {@code up}. Traced (with an
     * exporter) without a span around the drain: each requirement's publish starts that
     * requirement's trace, which its agents' items continue.
     */
    static DrainReport drain(TeamServers servers, Path roadmap) {
        TeamConfig config = servers.config();
        TagRouter.Builder router = TagRouter.builder();
        config.routes().forEach(router::rule);
        return QueueDrainer.builder(servers.publisher(), servers.traced(router.build())).topology(config.topology())
                .deadLetterUnroutable(true).publishedStore(servers.processed()).build()
                .drain(RoadmapSource.of(roadmap));
    }

    private static Map<String, String> row(Placement p) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("requirement", p.id());
        m.put("status", p.status().name());
        m.put("role", p.role() == null ? "" : p.role());
        m.put("subject", p.subject() == null ? "" : p.subject());
        return m;
    }
}
