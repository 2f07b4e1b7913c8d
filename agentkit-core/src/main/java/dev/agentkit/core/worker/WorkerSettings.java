package dev.agentkit.core.worker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where and how a {@link WorkerAgent} runs its worker command: the command (program and
 * arguments, no shell), the git workspace it runs in, the integration event it announces, how
 * long one run may take and how long a failed item waits before its retry. Immutable; made with
 * {@link #builder(List, Path)}. The {@code agentkit} command builds one per agent from
 * {@code agentkit.yaml}.
 */
public final class WorkerSettings {
    /** How long one run of the command may take when none is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);
    /** How long a failed item waits for its retry when none is given. */
    public static final Duration DEFAULT_RETRY_DELAY = Duration.ofMinutes(5);
    private static final Pattern EVENT = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    private final List<String> command;
    private final Path workspace;
    private final String announce;
    private final Duration timeout;
    private final Duration retryDelay;
    private final Map<String, String> environment;

    private WorkerSettings(Builder b) {
        this.command = List.copyOf(b.command);
        this.workspace = b.workspace.toAbsolutePath().normalize();
        this.announce = b.announce;
        this.timeout = b.timeout;
        this.retryDelay = b.retryDelay;
        this.environment = Map.copyOf(b.environment);
        if (command.isEmpty() || command.get(0).isBlank()) {
            throw new IllegalArgumentException("the worker command must name a program");
        }
        if (announce != null && !EVENT.matcher(announce).matches()) {
            throw new IllegalArgumentException("the announced event must be lower-case letters, digits, '-' or '_',"
                    + " was '" + announce + "'");
        }
        if (timeout.isNegative() || timeout.isZero() || retryDelay.isNegative()) {
            throw new IllegalArgumentException("the worker timeout must be positive and the retry delay not negative;"
                    + " were " + timeout + " and " + retryDelay);
        }
    }

    /** Settings for running {@code command} in the git checkout at {@code workspace}. */
    public static Builder builder(List<String> command, Path workspace) {
        return new Builder(command, workspace);
    }

    /** The program and its arguments. */
    public List<String> command() {
        return command;
    }

    /** The top of the git checkout the command runs in; absolute. */
    public Path workspace() {
        return workspace;
    }

    /** The event announced on {@code work.integration.<event>} when an item is done; {@code <role>_done} when not set. */
    public String announceFor(String role) {
        return announce != null ? announce : role + "_done";
    }

    /** How long one run may take before it is killed with every process it started. */
    public Duration timeout() {
        return timeout;
    }

    /** How long a failed or timed-out item waits for its retry. */
    public Duration retryDelay() {
        return retryDelay;
    }

    /** Extra environment variables for the command (never secrets of agentkit's own). */
    public Map<String, String> environment() {
        return environment;
    }

    /** Builds {@link WorkerSettings}; {@link #build()} validates. */
    public static final class Builder {
        private final List<String> command;
        private final Path workspace;
        private String announce;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Duration retryDelay = DEFAULT_RETRY_DELAY;
        private final Map<String, String> environment = new LinkedHashMap<>();

        private Builder(List<String> command, Path workspace) {
            this.command = List.copyOf(Objects.requireNonNull(command, "command"));
            this.workspace = Objects.requireNonNull(workspace, "workspace");
        }

        /** The event to announce, e.g. {@code api_ready}; by default {@code <role>_done}. */
        public Builder announce(String event) {
            this.announce = event;
            return this;
        }

        /** How long one run may take; 30 minutes by default. */
        public Builder timeout(Duration d) {
            this.timeout = Objects.requireNonNull(d, "timeout");
            return this;
        }

        /** How long a failed item waits for its retry; 5 minutes by default. */
        public Builder retryDelay(Duration d) {
            this.retryDelay = Objects.requireNonNull(d, "retryDelay");
            return this;
        }

        /** An extra environment variable for the command. */
        public Builder environment(String name, String value) {
            environment.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public WorkerSettings build() {
            return new WorkerSettings(this);
        }
    }
}
