package dev.agentkit.core.store;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Turns arbitrary keys into safe file names: letters, digits, {@code -} and {@code _} stay,
 * everything else is written as {@code .xx} hex bytes, so no key can name a path outside the
 * store's directory and distinct keys never collide.
 */
final class FileKeys {
    private FileKeys() {
    }

    static String fileName(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("store key must not be empty");
        }
        StringBuilder sb = new StringBuilder();
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                sb.append(c);
            } else {
                sb.append('.').append(HexFormat.of().toHexDigits(b));
            }
        }
        return sb.toString();
    }
}
