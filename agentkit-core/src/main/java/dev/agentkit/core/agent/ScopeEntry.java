package dev.agentkit.core.agent;

import java.util.Objects;
import java.util.Optional;

/**
 * One path in a character sheet's Scope list, e.g. {@code /src/frontend/ (that's Jen's domain)}:
 * the path, workspace-relative even when written with a leading slash, and the free-text note
 * after it. {@link Scope} matches paths against it; the prompt renders it as written.
 *
 * @param path the path as written, e.g. {@code /src/api/}
 * @param note what follows the path on its line, possibly empty
 */
public record ScopeEntry(String path, String note) {
    public ScopeEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(note, "note");
        if (path.isBlank()) {
            throw new IllegalArgumentException("scope path must not be blank");
        }
    }

    /**
     * Reads a list item: the first word is the path (backticks dropped), the rest the note; empty
     * when no path is left.
     */
    static Optional<ScopeEntry> parse(String item) {
        String text = item.strip();
        int space = text.indexOf(' ');
        String path = (space < 0 ? text : text.substring(0, space)).replace("`", "");
        String note = space < 0 ? "" : text.substring(space + 1).strip();
        return path.isBlank() ? Optional.empty() : Optional.of(new ScopeEntry(path, note));
    }

    /** The entry as a sheet line would show it. */
    @Override
    public String toString() {
        return note.isEmpty() ? path : path + " " + note;
    }
}
