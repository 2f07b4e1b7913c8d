package dev.agentkit.protocol.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The protocol's sizes ({@code max_payload}: a positive integer and {@code B}, {@code KB},
 * {@code MB} or {@code GB}), parsed and written in base 1024 and without regard to case, as the
 * Python and TypeScript SDKs do (the specification leaves both open). Used by the worker to check
 * a prompt before it is sent and by the host to advertise its limit.
 */
public final class PayloadSize {
    private static final Pattern SIZE = Pattern.compile("^\\s*(\\d+)\\s*(B|KB|MB|GB)\\s*$", Pattern.CASE_INSENSITIVE);
    private static final long KB = 1024;

    private PayloadSize() {
    }

    /** The bytes {@code text} stands for; an {@link IllegalArgumentException} when it is not a size. */
    public static long parse(String text) {
        Matcher m = text == null ? null : SIZE.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("not a protocol size (e.g. 512KB, 1MB): " + text);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "B" -> n;
            case "KB" -> n * KB;
            case "MB" -> n * KB * KB;
            default -> n * KB * KB * KB;
        };
    }

    /** {@code bytes} in the largest unit that divides it, e.g. {@code 1048576} as {@code 1MB}. */
    public static String format(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("a size is not negative: " + bytes);
        }
        String[] units = {"GB", "MB", "KB"};
        long[] sizes = {KB * KB * KB, KB * KB, KB};
        for (int i = 0; i < units.length; i++) {
            if (bytes >= sizes[i] && bytes % sizes[i] == 0) {
                return bytes / sizes[i] + units[i];
            }
        }
        return bytes + "B";
    }
}
