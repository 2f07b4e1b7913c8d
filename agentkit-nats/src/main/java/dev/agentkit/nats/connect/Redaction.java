package dev.agentkit.nats.connect;

import java.util.regex.Pattern;

/** Masks the user info of server URLs ({@code nats://user:secret@host}) before they are logged or shown. */
final class Redaction {
    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^@/\\s]+@");

    private Redaction() {
    }

    static String url(String url) {
        return url == null ? null : USER_INFO.matcher(url).replaceFirst("***@");
    }

    /** Any text (an error message, URI details) with every URL's user info masked. */
    static String text(String text) {
        return text == null ? null : USER_INFO.matcher(text).replaceAll("***@");
    }
}
