package dev.agentkit.examples.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The team demo: Roy, Jen and Moss work through {@code examples/ROADMAP.md} in a fresh git
 * repository. By default everything is in memory on virtual time and the story takes a second;
 * {@code --nats URL} and {@code --matrix URL} run it on real servers.
 *
 * <pre>
 * scripts/demo.sh                      # embedded: in-memory broker and chat, virtual clock
 * scripts/demo.sh --periods 6          # more schedule periods
 * </pre>
 */
public final class TeamDemo {
    private TeamDemo() {
    }

    public static void main(String[] args) throws Exception {
        DemoOptions options = DemoOptions.parse(args);
        run(options, System.out);
    }

    /** Runs the story in the world the options ask for, printing to {@code out}. */
    public static StoryResult run(DemoOptions options, PrintStream out) throws Exception {
        Path workspace = DemoWorkspace.create();
        try (TeamWorld world = options.world()) {
            out.println("agentkit team demo: " + world.describe());
            out.println("workspace: " + workspace);
            StoryPrinter printer = new StoryPrinter(out);
            StoryResult result = new TeamStory(world, workspace, DemoWorkspace.locate("agents"),
                    DemoWorkspace.locate("ROADMAP.md")).run(options.periods(), printer::turn);
            List<String> commits = DemoWorkspace.commits(workspace);
            printer.result(result, commits);
            return result;
        }
    }
}
