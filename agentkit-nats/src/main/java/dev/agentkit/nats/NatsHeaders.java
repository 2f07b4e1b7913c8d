package dev.agentkit.nats;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps envelope headers to NATS headers and back. NATS header values are US-ASCII without CR or
 * LF; other values (a dead-letter reason in French, a multi-line note) travel encoded as
 * {@code =?UTF-8?B?<base64>?=} and are decoded on receipt, so any string survives the round trip.
 * Only the first value of a multi-valued NATS header is kept.
 */
final class NatsHeaders {
    private static final String PREFIX = "=?UTF-8?B?";
    private static final String SUFFIX = "?=";

    private NatsHeaders() {
    }

    static io.nats.client.impl.Headers toNats(Map<String, String> headers) {
        io.nats.client.impl.Headers h = new io.nats.client.impl.Headers();
        headers.forEach((k, v) -> {
            try {
                h.put(k, encode(v));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("header name '" + k + "' is not valid for NATS: " + e.getMessage());
            }
        });
        return h;
    }

    static Map<String, String> fromNats(io.nats.client.impl.Headers headers) {
        if (headers == null || headers.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((k, values) -> {
            List<String> vs = values == null ? List.of() : values;
            out.put(k, vs.isEmpty() ? "" : decode(vs.get(0)));
        });
        return out;
    }

    static String encode(String value) {
        boolean plain = value.chars().allMatch(c -> c < 128 && c != '\r' && c != '\n')
                && !(value.startsWith(PREFIX) && value.endsWith(SUFFIX));
        if (plain) {
            return value;
        }
        return PREFIX + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + SUFFIX;
    }

    static String decode(String value) {
        if (value.startsWith(PREFIX) && value.endsWith(SUFFIX) && value.length() >= PREFIX.length() + SUFFIX.length()) {
            try {
                byte[] bytes = Base64.getDecoder().decode(value.substring(PREFIX.length(), value.length() - SUFFIX.length()));
                return new String(bytes, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                return value;
            }
        }
        return value;
    }
}
