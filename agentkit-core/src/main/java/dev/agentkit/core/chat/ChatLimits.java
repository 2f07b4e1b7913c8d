package dev.agentkit.core.chat;

/**
 * The size limits of chat, in one place, and the rule that cuts a post to fit. Every
 * {@link ChatPort} of agentkit cuts a longer post with {@link #fit} before sending it, so a huge
 * error text never meets the homeserver's refusal; the turn cycle's chat outbox cuts it before it
 * keeps it, and bounds what it keeps. Sizes are counted as the text takes them in a JSON string,
 * UTF-8 encoded with JSON's escapes, as Matrix counts an event.
 */
public final class ChatLimits {
    /**
     * The most bytes a post's text may take: Matrix refuses an event whose canonical JSON exceeds
     * 65,536 bytes ({@code 413 M_TOO_LARGE}); 5,536 bytes are left for the rest of the event
     * (room and sender ids, msgtype, prev and auth events, hashes, signatures).
     */
    public static final int MAX_POST_BYTES = 60_000;
    /** The most posts the chat outbox keeps for a later turn; past it the oldest kept post is dropped. */
    public static final int MAX_KEPT_POSTS = 100;
    /** The most bytes of posts (room, text and key) the chat outbox keeps; past it the oldest are dropped. */
    public static final int MAX_KEPT_BYTES = 131_072;
    /** How the marker that ends a cut post begins. */
    public static final String CUT_MARKER = "\n[… cut to fit the chat's limit of ";

    private ChatLimits() {
    }

    /**
     * {@code text} as it is when it fits {@link #MAX_POST_BYTES}; otherwise its longest start
     * (whole code points) that fits together with a marker, {@link #CUT_MARKER}{@code 60000 bytes;
     * the text had N bytes]}. The same text always gives the same result.
     */
    public static String fit(String text) {
        return fit(text, MAX_POST_BYTES);
    }

    /** {@link #fit(String)} with a limit of {@code maxBytes} (at least 200, room for the marker). */
    public static String fit(String text, int maxBytes) {
        if (maxBytes < 200) {
            throw new IllegalArgumentException("maxBytes must be at least 200, was " + maxBytes);
        }
        int total = encodedSize(text);
        if (total <= maxBytes) {
            return text;
        }
        String marker = CUT_MARKER + maxBytes + " bytes; the text had " + total + " bytes]";
        int budget = maxBytes - encodedSize(marker);
        int used = 0;
        int end = 0;
        while (end < text.length()) {
            int cp = text.codePointAt(end);
            int size = encodedSize(cp);
            if (used + size > budget) {
                break;
            }
            used += size;
            end += Character.charCount(cp);
        }
        return text.substring(0, end) + marker;
    }

    /**
     * The bytes {@code text} takes inside a JSON string: UTF-8, two bytes for a quote, a backslash
     * or a common control character ({@code \n}), six for any other control character.
     */
    public static int encodedSize(String text) {
        int size = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            size += encodedSize(cp);
            i += Character.charCount(cp);
        }
        return size;
    }

    private static int encodedSize(int cp) {
        if (cp == '"' || cp == '\\' || cp == '\b' || cp == '\f' || cp == '\n' || cp == '\r' || cp == '\t') {
            return 2;
        }
        if (cp < 0x20) {
            return 6;
        }
        if (cp < 0x80) {
            return 1;
        }
        if (cp < 0x800) {
            return 2;
        }
        if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
            return 6; // a lone surrogate, written as a six-byte escape
        }
        return cp < 0x10000 ? 3 : 4;
    }
}
