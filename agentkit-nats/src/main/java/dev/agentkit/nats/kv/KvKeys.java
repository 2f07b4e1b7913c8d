package dev.agentkit.nats.kv;

import dev.agentkit.core.internal.store.StoreKeys;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Makes any non-empty string a valid, bounded NATS KV key ({@link StoreKeys} with {@code =} as
 * the escape): letters, digits, {@code -} and {@code _} stay, every other UTF-8 byte (dots,
 * spaces, slashes, {@code =} itself, non-ASCII) becomes {@code =XX}, and a key that would be
 * longer than {@value StoreKeys#MAX_LENGTH} characters is shortened to a prefix, {@code ==} and a
 * hash, so no key makes a subject the server refuses. Distinct strings never share a key, and
 * {@link #decode} gives back a string whose key was not shortened.
 */
final class KvKeys {
    private static final StoreKeys KEYS = StoreKeys.of('=', true);

    private KvKeys() {
    }

    /** The KV key of {@code key}; an empty key is refused. */
    static String encode(String key) {
        return KEYS.name(key);
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
