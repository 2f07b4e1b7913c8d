package dev.agentkit.core.workspace;

import dev.agentkit.core.AgentkitException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The input files of one {@link CommandWorker} run, in a fresh temporary directory outside the
 * workspace that {@link #close()} removes: {@code system-prompt.md}, {@code requirement.json} and
 * {@code input.md} (both, the prompt first, under a {@code # Requirement} heading).
 */
final class CommandInput implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CommandWorker.class);

    private final Path dir;
    private final Path prompt;
    private final Path requirement;
    private final Path input;

    private CommandInput(Path dir, String systemPrompt, String requirement) {
        this.dir = dir;
        this.prompt = write(dir.resolve("system-prompt.md"), systemPrompt);
        this.requirement = write(dir.resolve("requirement.json"), requirement);
        this.input = write(dir.resolve("input.md"), systemPrompt + "\n\n# Requirement\n\n" + requirement + "\n");
    }

    /**
     * Writes the files for the work item {@code workId}.
     *
     * @throws AgentkitException if they cannot be written; nothing is left behind then
     */
    static CommandInput write(String workId, String systemPrompt, String requirement) {
        Path dir;
        try {
            dir = Files.createTempDirectory("agentkit-work-");
        } catch (IOException e) {
            throw new AgentkitException("cannot create the input directory for " + workId, e);
        }
        try {
            return new CommandInput(dir, systemPrompt, requirement);
        } catch (AgentkitException e) {
            deleteTree(dir);
            throw e;
        }
    }

    /** The file the command reads as its standard input. */
    Path input() {
        return input;
    }

    /** The variables that name the files: {@code AGENTKIT_SYSTEM_PROMPT_FILE}, {@code _REQUIREMENT_FILE}, {@code _INPUT_FILE}. */
    Map<String, String> environment() {
        return Map.of("AGENTKIT_SYSTEM_PROMPT_FILE", prompt.toString(), "AGENTKIT_REQUIREMENT_FILE",
                requirement.toString(), "AGENTKIT_INPUT_FILE", input.toString());
    }

    @Override
    public void close() {
        deleteTree(dir);
    }

    private static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AgentkitException("cannot write command input " + file, e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            log.warn("cannot remove command input directory {}: {}", dir, e.toString());
        }
    }
}
