package dev.agentkit.cli.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The worker command of an agent in {@code agentkit.yaml} (the file's {@code worker:} defaults,
 * overridden key by key by the agent's own): program and arguments, how long a run may take, the
 * retry delay after a failure, and extra environment variables (names and plain values; secrets
 * stay in the process environment).
 *
 * @param command     the program and its arguments; a relative program path is the team directory's
 * @param timeout     how long one run may take
 * @param retryDelay  how long a failed item waits
 * @param environment extra variables for the command
 */
public record WorkerEntry(List<String> command, Duration timeout, Duration retryDelay, Map<String, String> environment) {
    public WorkerEntry {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }
}
