package dev.agentkit.cli.commands;

import dev.agentkit.cli.Printer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code agentkit init [DIR]}: writes a team directory that {@code agentkit demo} and
 * {@code agentkit up} run as it is: {@code agentkit.yaml}, the character sheets of Roy, Jen and
 * Moss, a {@code ROADMAP.md} and a stand-in {@code worker.sh}. Never overwrites a file unless
 * told to.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Write a working team directory: agentkit.yaml, agents/{roy,jen,moss}.md, ROADMAP.md, worker.sh.")
public final class InitCommand implements Callable<Integer> {
    /** The files written, relative to the directory (and to the templates in the jar). */
    public static final List<String> FILES = List.of("agentkit.yaml", "agents/roy.md", "agents/jen.md",
            "agents/moss.md", "ROADMAP.md", "worker.sh");
    private static final String TEMPLATES = "/dev/agentkit/cli/init/";

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = ".",
            description = "Where to write the team (default: the current directory); made if missing.")
    Path dir;

    @Option(names = "--force", description = "Overwrite files that exist.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Printer out = new Printer(spec.commandLine().getOut(), false);
        List<Path> existing = new ArrayList<>();
        for (String f : FILES) {
            if (Files.exists(dir.resolve(f))) {
                existing.add(dir.resolve(f));
            }
        }
        if (!existing.isEmpty() && !force) {
            throw new IllegalStateException("not overwriting " + existing + "; use --force, or another DIR");
        }
        for (String f : FILES) {
            copy(f, dir.resolve(f));
        }
        out.line("wrote a team of three to " + dir.toAbsolutePath().normalize() + ": " + String.join(", ", FILES));
        out.line("next:  agentkit demo                   (the team's story in memory, no server)");
        out.line("       agentkit up                     (on the NATS server of agentkit.yaml; Ctrl-C stops)");
        return 0;
    }

    /** Copies the template {@code name} to {@code target}. */
    public static void copy(String name, Path target) {
        try (InputStream in = InitCommand.class.getResourceAsStream(TEMPLATES + name)) {
            if (in == null) {
                throw new IllegalStateException("the agentkit jar lacks its template " + name);
            }
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.write(target, in.readAllBytes());
            if (name.endsWith(".sh")) {
                target.toFile().setExecutable(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
