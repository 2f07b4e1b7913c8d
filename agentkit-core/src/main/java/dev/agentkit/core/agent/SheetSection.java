package dev.agentkit.core.agent;

import java.util.Objects;

/**
 * A section of a character sheet that the parser does not interpret (e.g. {@code ## Team}),
 * kept verbatim so the system prompt still carries it.
 *
 * @param title the heading without {@code ##}
 * @param body  the section's text, trimmed of blank lines at either end
 */
public record SheetSection(String title, String body) {
    public SheetSection {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
    }
}
