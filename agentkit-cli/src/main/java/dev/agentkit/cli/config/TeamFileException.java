package dev.agentkit.cli.config;

import dev.agentkit.core.AgentkitException;
import java.nio.file.Path;

/**
 * A mistake in {@code agentkit.yaml}, naming the file, the line and the key:
 * {@code agentkit.yaml:14: agents.roy.schedule.every: expected a duration such as 30m, was 'often'}.
 * Thrown by {@link TeamFile}; the {@code agentkit} command prints it and exits with 1.
 */
public final class TeamFileException extends AgentkitException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    private final int line;
    private final String key;

    public TeamFileException(Path file, int line, String key, String problem) {
        super(file + ":" + line + (key.isEmpty() ? "" : ": " + key) + ": " + problem);
        this.file = file;
        this.line = line;
        this.key = key;
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** The line, from 1. */
    public int line() {
        return line;
    }

    /** The key's path, e.g. {@code agents.roy.schedule.every}; empty for the whole file. */
    public String key() {
        return key;
    }
}
