package dev.agentkit.core.workspace;

import dev.agentkit.core.AgentkitException;
import dev.agentkit.core.Redactor;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.WorkItem;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
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
 * and error are merged, logged line by line at DEBUG as they come, and only the last lines are
 * kept in memory.
 *
 * <p>The command does not inherit the agent's environment, which holds the agent's own secrets
 * ({@code NATS_TOKEN}, {@code NATS_PASSWORD}, a Matrix password): it gets the variables named in
 * {@link #DEFAULT_ENVIRONMENT} that the agent has, those named with
 * {@link Builder#passEnvironment(String...)}, and those set with
 * {@link Builder#environment(String, String)}. Everything that leaves the worker from the
 * command's output (the log lines, the retry reason that becomes a dead letter's error and an
 * alert) passes through a {@link Redactor} first: the values of the agent's environment
 * variables whose names {@link Redactor#looksSecret(String) look secret}, of the variables set
 * for the command whose names look secret, and of those registered with
 * {@link Builder#redact(String...)}, are replaced by {@value Redactor#MARK}. A secret is never
 * logged.
 *
 * <p>Call {@link #run(WorkItem, String)} from {@code TurnBasedAgent.processWork}: the turn cycle
 * marks the message in progress on a timer while {@code processWork} runs, so a command that
 * takes longer than the consumer's ack wait is not redelivered to someone else meanwhile. The
 * timeout is real time, as the command is a real process. Thread-safe; one instance may serve
 * many runs.
 *
 * <pre>{@code
 * CommandWorker claude = CommandWorker.builder(List.of("claude", "-p"))
 *         .workspace(checkout)
 *         .passEnvironment("ANTHROPIC_API_KEY", "CLAUDE_*")
 *         .timeout(Duration.ofMinutes(20))
 *         .build();
 * Outcome outcome = claude.run(item, sheet.systemPrompt());
 * }</pre>
 */
public final class CommandWorker {
    /**
     * The environment variables a command gets by default, when the agent has them: names, or
     * prefixes ending in {@code *}, matched ignoring case. What a program needs to find its tools,
     * its home, its locale, its terminal, its time zone and a temporary directory, on POSIX and on
     * Windows; no credentials and no proxy settings (a proxy URL may carry a password).
     */
    public static final List<String> DEFAULT_ENVIRONMENT = WorkerEnvironment.DEFAULT;

    private static final Logger log = LoggerFactory.getLogger(CommandWorker.class);
    private static final long OUTPUT_DRAIN_MILLIS = 5_000;

    private final List<String> command;
    private final Path workspace;
    private final Duration timeout;
    private final Duration retryDelay;
    private final int tailLines;
    private final Map<String, String> environment;
    private final Redactor redactor;

    private CommandWorker(Builder b) {
        this.command = List.copyOf(b.command);
        this.workspace = Objects.requireNonNull(b.workspace, "workspace");
        this.timeout = b.timeout;
        this.retryDelay = b.retryDelay;
        this.tailLines = b.tailLines;
        List<String> allowList = new ArrayList<>(DEFAULT_ENVIRONMENT);
        allowList.addAll(b.passed);
        Map<String, String> env = WorkerEnvironment.select(b.parent, allowList);
        env.putAll(b.environment);
        this.environment = Map.copyOf(env);
        this.redactor = Redactor.fromEnvironment(b.parent).and(Redactor.fromEnvironment(b.environment))
                .and(Redactor.of(b.secrets));
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

    /**
     * What this worker replaces by {@value Redactor#MARK} in what the command printed, for a
     * caller that forwards other text about the run.
     */
    public Redactor redactor() {
        return redactor;
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
        try (CommandInput in = CommandInput.write(workId, systemPrompt, requirement)) {
            ProcessBuilder pb = new ProcessBuilder(command).directory(workspace.toFile())
                    .redirectErrorStream(true).redirectInput(in.input().toFile());
            pb.environment().clear();
            pb.environment().putAll(environment);
            pb.environment().put("AGENTKIT_WORK_ID", workId);
            pb.environment().putAll(in.environment());
            return await(workId, start(pb));
        }
    }

    private Process start(ProcessBuilder pb) {
        try {
            return pb.start();
        } catch (IOException e) {
            throw new AgentkitException(redactor.redact("cannot start " + command.get(0) + " in " + workspace), e);
        }
    }

    private Outcome await(String workId, Process process) {
        log.info("{} started {} (pid {}) in {}", workId, command.get(0), process.pid(), workspace);
        OutputTail output = OutputTail.start(process.getInputStream(), tailLines, workId, redactor);
        boolean exited;
        try {
            exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(workId, process, output, "the turn was interrupted");
            return retry(command.get(0) + " was interrupted; killed it");
        }
        if (!exited) {
            kill(workId, process, output, "timed out after " + timeout);
            return retry(command.get(0) + " timed out after " + timeout
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
        return retry(command.get(0) + " exited with " + code + ". Last output:\n" + output.text());
    }

    /** A retry whose reason is redacted as a whole: the output tail is already, the command line may not be. */
    private Outcome retry(String reason) {
        return Outcome.retry(retryDelay, redactor.redact(reason));
    }

    private void kill(String workId, Process process, OutputTail output, String why) {
        log.warn("{}: killing {} (pid {}) and its descendants: {}", workId, command.get(0), process.pid(), why);
        List<ProcessHandle> survivors = ProcessTree.kill(process.toHandle());
        if (!survivors.isEmpty()) {
            log.error("{}: processes survived the kill: {}", workId, survivors.stream().map(ProcessHandle::pid).toList());
        }
        output.awaitEnd(OUTPUT_DRAIN_MILLIS);
    }

    /** Builds a {@link CommandWorker}; the workspace is required, the rest has defaults. */
    public static final class Builder {
        private final List<String> command;
        private Path workspace;
        private Duration timeout = Duration.ofMinutes(30);
        private Duration retryDelay = Duration.ofMinutes(5);
        private int tailLines = 40;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final List<String> passed = new ArrayList<>();
        private final List<String> secrets = new ArrayList<>();
        private Map<String, String> parent = System.getenv();

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

        /**
         * Passes these of the agent's environment variables to the command as well as
         * {@link #DEFAULT_ENVIRONMENT}: names ({@code ANTHROPIC_API_KEY}) or prefixes ending in
         * {@code *} ({@code CLAUDE_*}), matched ignoring case. A passed secret still reaches the
         * command, which may need it, and is still redacted from its output when its name looks
         * secret (else register it with {@link #redact(String...)}).
         *
         * @throws IllegalArgumentException for an entry that is no such name or prefix, or {@code *}
         */
        public Builder passEnvironment(String... names) {
            for (String name : names) {
                passed.add(WorkerEnvironment.requireEntry(name));
            }
            return this;
        }

        /**
         * Values to redact from the command's output besides those the environment gives away
         * (a secret under a harmless-looking name, one the command reads from a file).
         *
         * @throws IllegalArgumentException for a value shorter than {@value Redactor#MIN_LENGTH} characters
         */
        public Builder redact(String... values) {
            Redactor.of(values);
            secrets.addAll(List.of(values));
            return this;
        }

        /**
         * The agent's environment that passed names are read from and whose secret-looking values
         * are redacted; {@link System#getenv()} unless given (tests, or an agent that keeps its
         * configuration elsewhere).
         */
        public Builder parentEnvironment(Map<String, String> parent) {
            this.parent = Map.copyOf(parent);
            return this;
        }

        /**
         * An environment variable for the command, whatever the agent's environment holds; its
         * value is redacted from the output when its name looks secret.
         */
        public Builder environment(String name, String value) {
            environment.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public CommandWorker build() {
            return new CommandWorker(this);
        }
    }
}
