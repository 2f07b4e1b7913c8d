package dev.agentkit.routing.roadmap;

import java.util.Objects;

/**
 * One thing wrong with a roadmap: where, what, and the line as written. Collected by
 * {@link RoadmapSource} and listed by {@link RoadmapException}.
 *
 * @param line    the 1-based line number
 * @param message what is wrong, e.g. {@code duplicate id REQ-004 (first on line 7)}
 * @param text    the offending line, trimmed
 */
public record RoadmapProblem(int line, String message, String text) {
    public RoadmapProblem {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(text, "text");
        if (line < 1) {
            throw new IllegalArgumentException("line numbers start at 1, was " + line);
        }
    }

    @Override
    public String toString() {
        return "line " + line + ": " + message + ": " + text;
    }
}
