package dev.agentkit.core.internal.message;

/**
 * Makes free text (routing reasons, dead-letter reasons) fit a NATS header value, which must be
 * one line of US-ASCII: line breaks become spaces, other characters outside printable ASCII
 * become {@code ?}, and long text is cut to 500 characters. Used wherever agentkit puts free
 * text in a header: dead-letter reasons of the turn cycle, routing reasons of the drainer.
 */
public final class HeaderValues {
    private static final int LIMIT = 500;

    private HeaderValues() {
    }

    /** {@code text} made into a valid header value. */
    public static String safe(String text) {
        StringBuilder b = new StringBuilder(Math.min(text.length(), LIMIT));
        text.replaceAll("[\\r\\n]+", " ").strip().chars()
                .forEach(c -> b.append(c == '\t' || (c >= 32 && c < 127) ? (char) c : '?'));
        return b.length() <= LIMIT ? b.toString() : b.substring(0, LIMIT - 3) + "...";
    }

    /** Whether {@code text} may stand as a header value unchanged (e.g. a message id). */
    public static boolean isSafe(String text) {
        return text.chars().allMatch(c -> c >= 32 && c < 127);
    }

    /** {@code text} on one line, cut to {@code max} characters with an ellipsis. */
    public static String oneLine(String text, int max) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= max ? flat : flat.substring(0, max - 3) + "...";
    }
}
