package dev.agentkit.examples.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The team demo: Roy, Jen and Moss work through {@code examples/ROADMAP.md} in a fresh git
 * repository. By default everything is in memory on virtual time and the story takes a second;
 * {@code --nats URL} and {@code --matrix URL} run it on real servers. When the standard
 * OpenTelemetry variables ask for an exporter ({@code OTEL_EXPORTER_OTLP_ENDPOINT}, ...), the
 * team's traces and metrics are exported ({@link DemoTelemetry}).
 *
 * <pre>
 * scripts/demo.sh                      # embedded: in-memory broker and chat, virtual clock
 * scripts/demo.sh --periods 6          # more schedule periods
 * AGENTKIT_MATRIX_PASSWORD=... scripts/demo.sh --nats nats://127.0.0.1:4222 --matrix http://127.0.0.1:8008
 * </pre>
 */
public final class TeamDemo {
    private TeamDemo() {
    }

    public static void main(String[] args) throws Exception {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("demo: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            run(options.world(System.getenv()), options.periods(), System.out);
        } catch (RuntimeException e) {
            System.err.println("demo: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Runs the story for {@code periods} schedule periods in {@code world}, printing to {@code out}; closes the world. */
    public static StoryResult run(TeamWorld world, int periods, PrintStream out) throws Exception {
        return run(world, periods, out, DemoWorkspace.locate("agents"), DemoWorkspace.locate("ROADMAP.md"));
    }

    /**
     * Runs the story with the character sheets in {@code sheets} ({@code roy.md}, {@code jen.md},
     * {@code moss.md}) and the requirements of {@code roadmap}; {@code agentkit demo} calls it with
     * the copies it carries. Closes the world.
     */
    public static StoryResult run(TeamWorld world, int periods, PrintStream out, Path sheets, Path roadmap)
            throws Exception {
        Path workspace = DemoWorkspace.create();
        try (world; DemoTelemetry otel = DemoTelemetry.fromEnvironment(System.getenv())) {
            out.println("agentkit team demo: " + world.describe());
            out.println("workspace: " + workspace);
            if (otel.exporting()) {
                out.println("telemetry: exporting traces and metrics as the OTEL_* variables say");
            }
            StoryPrinter printer = new StoryPrinter(out);
            StoryResult result = new TeamStory(world, workspace, sheets, roadmap, otel.telemetry())
                    .run(periods, printer::turn);
            List<String> commits = DemoWorkspace.commits(workspace);
            printer.result(result, commits);
            return result;
        }
    }
}
