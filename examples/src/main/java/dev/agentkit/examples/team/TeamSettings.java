package dev.agentkit.examples.team;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the example team shares: the git workspace it works in, where the character sheets are,
 * an optional external worker command (a coding-agent CLI) that replaces the built-in
 * deterministic work, and how long retries wait.
 *
 * @param workspace     a git repository's top directory
 * @param sheets        the directory of {@code roy.md}, {@code jen.md}, {@code moss.md}
 * @param workerCommand the command to run for each item, or empty for the built-in work
 * @param retryDelay    how long an agent waits before it tries an item again
 */
public record TeamSettings(Path workspace, Path sheets, Optional<List<String>> workerCommand, Duration retryDelay) {
    public TeamSettings {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(sheets, "sheets");
        Objects.requireNonNull(workerCommand, "workerCommand");
        Objects.requireNonNull(retryDelay, "retryDelay");
    }

    /** Built-in work, ten-minute retries. */
    public static TeamSettings of(Path workspace, Path sheets) {
        return new TeamSettings(workspace, sheets, Optional.empty(), Duration.ofMinutes(10));
    }

    /** The same settings with another retry delay. */
    public TeamSettings withRetryDelay(Duration d) {
        return new TeamSettings(workspace, sheets, workerCommand, d);
    }

    /** The same settings running {@code command} for each item. */
    public TeamSettings withWorkerCommand(List<String> command) {
        return new TeamSettings(workspace, sheets, Optional.of(List.copyOf(command)), retryDelay);
    }
}
