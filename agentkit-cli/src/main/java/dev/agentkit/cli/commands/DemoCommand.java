package dev.agentkit.cli.commands;

import dev.agentkit.examples.demo.DemoWorld;
import dev.agentkit.examples.demo.QuickstartDemo;
import dev.agentkit.examples.demo.TeamDemo;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code agentkit demo}: the team story of the examples module (Roy, Jen and Moss work through
 * the roadmap that {@code agentkit init} writes, with the same sheets) on the in-memory broker
 * and chat with a virtual clock, so it needs no server and takes about a second.
 * {@code --quickstart} runs the one-agent quickstart instead.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the team's story in memory on a virtual clock: no server needed.")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--periods", defaultValue = "5", description = "Schedule periods (30 virtual minutes each); default ${DEFAULT-VALUE}.")
    int periods;

    @Option(names = "--quickstart", description = "One agent's turns instead of the team's story.")
    boolean quickstart;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (quickstart) {
            QuickstartDemo.run(out);
            return 0;
        }
        if (periods < 1 || periods > 100) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--periods must be 1 to 100, was " + periods);
        }
        Path files = Files.createTempDirectory("agentkit-demo-team-");
        for (String f : InitCommand.FILES) {
            InitCommand.copy(f, files.resolve(f));
        }
        TeamDemo.run(DemoWorld.embedded(), periods, out, files.resolve("agents"), files.resolve("ROADMAP.md"));
        return 0;
    }
}
