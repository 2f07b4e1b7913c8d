package dev.agentkit.nats.kv;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Makes any non-empty string a valid NATS KV key: letters, digits, {@code -} and {@code _} stay,
 * every other UTF-8 byte (dots, spaces, slashes, {@code =} itself, non-ASCII) becomes
 * {@code =XX}. Distinct strings never share a key, and {@link #decode} gives the string back.
 */
final class KvKeys {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private KvKeys() {
    }

    static String encode(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("KV store key must not be empty");
        }
        StringBuilder sb = new StringBuilder(key.length());
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                sb.append(c);
            } else {
                sb.append('=').append(HEX.toHexDigits(b));
            }
        }
        return sb.toString();
    }

    static String decode(String encoded) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '=' && i + 2 < encoded.length()) {
                out.write(HexFormat.fromHexDigits(encoded, i + 1, i + 3));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
