package dev.agentkit.core.workspace;

import dev.agentkit.core.AgentkitException;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.WorkItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an external command (a coding-agent CLI, a script) for one work item in the agent's
 * workspace, and turns how it ended into an {@link Outcome}: exit 0 is {@code done}, another exit
 * code is a retry whose reason is the tail of the output, and a command still running at its
 * timeout is killed with every process it started and retried.
 *
 * <p>The command gets its input as files in a fresh temporary directory, outside the workspace,
 * removed afterwards: {@code system-prompt.md} (the rendered character sheet),
 * {@code requirement.json} (the work item's body as received) and {@code input.md} (both, the
 * prompt first, under a {@code # Requirement} heading), which is also its standard input. The
 * environment names them: {@code AGENTKIT_SYSTEM_PROMPT_FILE}, {@code AGENTKIT_REQUIREMENT_FILE},
 * {@code AGENTKIT_INPUT_FILE}, and {@code AGENTKIT_WORK_ID} holds the item's id. Standard output
 * and error are merged, logged line by line through slf4j as they come, and only the last lines
 * are kept in memory.
 *
 * <p>Call {@link #run(WorkItem, String)} from {@code TurnBasedAgent.processWork}: the turn cycle
 * marks the message in progress on a timer while {@code processWork} runs, so a command that
 * takes longer than the consumer's ack wait is not redelivered to someone else meanwhile. The
 * timeout is real time, as the command is a real process. Thread-safe; one instance may serve
 * many runs.
 */
public final class CommandWorker {
    private static final Logger log = LoggerFactory.getLogger(CommandWorker.class);
    private static final long OUTPUT_DRAIN_MILLIS = 5_000;

    private final List<String> command;
    private final Path workspace;
    private final Duration timeout;
    private final Duration retryDelay;
    private final int tailLines;
    private final Map<String, String> environment;

    private CommandWorker(Builder b) {
        this.command = List.copyOf(b.command);
        this.workspace = Objects.requireNonNull(b.workspace, "workspace");
        this.timeout = b.timeout;
        this.retryDelay = b.retryDelay;
        this.tailLines = b.tailLines;
        this.environment = Map.copyOf(b.environment);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command must not be empty");
        }
        if (timeout.isNegative() || timeout.isZero() || retryDelay.isNegative() || tailLines < 1) {
            throw new IllegalArgumentException("timeout must be positive, retryDelay not negative and tailLines"
                    + " at least 1; were " + timeout + ", " + retryDelay + ", " + tailLines);
        }
    }

    /** A builder for running {@code command} (program and arguments, no shell). */
    public static Builder builder(List<String> command) {
        return new Builder(command);
    }

    /** Runs the command for {@code item} with {@code systemPrompt}; the requirement is the item's body. */
    public Outcome run(WorkItem item, String systemPrompt) {
        return run(item.id(), systemPrompt, item.envelope().text());
    }

    /**
     * Runs the command for the work item {@code workId} and says how it went.
     *
     * @throws AgentkitException if the input files cannot be written or the command cannot start
     */
    public Outcome run(String workId, String systemPrompt, String requirement) {
        Path io = createInputDir(workId);
        try {
            Path prompt = write(io.resolve("system-prompt.md"), systemPrompt);
            Path req = write(io.resolve("requirement.json"), requirement);
            Path input = write(io.resolve("input.md"), systemPrompt + "\n\n# Requirement\n\n" + requirement + "\n");
            ProcessBuilder pb = new ProcessBuilder(command).directory(workspace.toFile())
                    .redirectErrorStream(true).redirectInput(input.toFile());
            pb.environment().putAll(environment);
            pb.environment().put("AGENTKIT_WORK_ID", workId);
            pb.environment().put("AGENTKIT_SYSTEM_PROMPT_FILE", prompt.toString());
            pb.environment().put("AGENTKIT_REQUIREMENT_FILE", req.toString());
            pb.environment().put("AGENTKIT_INPUT_FILE", input.toString());
            return await(workId, start(pb));
        } finally {
            deleteTree(io);
        }
    }

    private Process start(ProcessBuilder pb) {
        try {
            return pb.start();
        } catch (IOException e) {
            throw new AgentkitException("cannot start " + command.get(0) + " in " + workspace, e);
        }
    }

    private Outcome await(String workId, Process process) {
        log.info("{} started {} (pid {}) in {}", workId, command.get(0), process.pid(), workspace);
        OutputTail output = OutputTail.start(process.getInputStream(), tailLines, workId);
        boolean exited;
        try {
            exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(workId, process, output, "the turn was interrupted");
            return Outcome.retry(retryDelay, command.get(0) + " was interrupted; killed it");
        }
        if (!exited) {
            kill(workId, process, output, "timed out after " + timeout);
            return Outcome.retry(retryDelay, command.get(0) + " timed out after " + timeout
                    + "; killed it and the processes it started. Last output:\n" + output.text());
        }
        if (!output.awaitEnd(OUTPUT_DRAIN_MILLIS)) {
            log.warn("{}: output of {} is still open after it exited: a process it started in the background"
                    + " outlived it", workId, command.get(0));
        }
        int code = process.exitValue();
        if (code == 0) {
            log.info("{}: {} finished", workId, command.get(0));
            return Outcome.done();
        }
        log.warn("{}: {} exited with {}", workId, command.get(0), code);
        return Outcome.retry(retryDelay, command.get(0) + " exited with " + code + ". Last output:\n" + output.text());
    }

    private void kill(String workId, Process process, OutputTail output, String why) {
        log.warn("{}: killing {} (pid {}) and its descendants: {}", workId, command.get(0), process.pid(), why);
        List<ProcessHandle> survivors = ProcessTree.kill(process.toHandle());
        if (!survivors.isEmpty()) {
            log.error("{}: processes survived the kill: {}", workId, survivors.stream().map(ProcessHandle::pid).toList());
        }
        output.awaitEnd(OUTPUT_DRAIN_MILLIS);
    }

    private static Path createInputDir(String workId) {
        try {
            return Files.createTempDirectory("agentkit-work-");
        } catch (IOException e) {
            throw new AgentkitException("cannot create the input directory for " + workId, e);
        }
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

    /** Builds a {@link CommandWorker}; the workspace is required, the rest has defaults. */
    public static final class Builder {
        private final List<String> command;
        private Path workspace;
        private Duration timeout = Duration.ofMinutes(30);
        private Duration retryDelay = Duration.ofMinutes(5);
        private int tailLines = 40;
        private final Map<String, String> environment = new LinkedHashMap<>();

        private Builder(List<String> command) {
            this.command = List.copyOf(command);
        }

        /** The directory the command runs in: the agent's checkout. */
        public Builder workspace(Path workspace) {
            this.workspace = workspace;
            return this;
        }

        /** How long the command may run before it is killed; default 30 minutes. */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** The redelivery delay after a failure or a timeout; default 5 minutes. */
        public Builder retryDelay(Duration retryDelay) {
            this.retryDelay = Objects.requireNonNull(retryDelay, "retryDelay");
            return this;
        }

        /** How many last lines of output to keep for the retry reason; default 40. */
        public Builder tailLines(int tailLines) {
            this.tailLines = tailLines;
            return this;
        }

        /** An extra environment variable for the command. */
        public Builder environment(String name, String value) {
            environment.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public CommandWorker build() {
            return new CommandWorker(this);
        }
    }
}
