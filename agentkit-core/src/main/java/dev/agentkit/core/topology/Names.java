package dev.agentkit.core.topology;

import java.time.Duration;
import java.util.regex.Pattern;

/** Validation of stream, consumer and agent names, shared by the topology records. */
final class Names {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private Names() {
    }

    static boolean isName(String value) {
        return value != null && NAME.matcher(value).matches();
    }

    static void requireName(String what, String value) {
        if (!isName(value)) {
            throw new IllegalArgumentException(what + " must be 1-64 letters, digits, '-' or '_', was '" + value + "'");
        }
    }

    static void requireNonNegative(String what, Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be zero or positive, was " + d);
        }
    }
}
