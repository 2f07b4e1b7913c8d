package dev.agentkit.nats.kv;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkit.core.internal.message.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a KV lease or lock key holds, as JSON: a unique token, the owner, the host and process
 * that took it, and when it was taken and expires. Humans read it with {@code nats kv get}.
 */
record LeaseRecord(String token, String owner, String host, long pid, Instant acquired, Instant expires) {

    /** The same lease, expiring at {@code newExpiry}: what a renewal writes. */
    LeaseRecord renewed(Instant newExpiry) {
        return new LeaseRecord(token, owner, host, pid, acquired, newExpiry);
    }

    byte[] bytes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("token", token);
        m.put("owner", owner);
        m.put("host", host);
        m.put("pid", pid);
        m.put("acquired", acquired.toString());
        m.put("expires", expires.toString());
        return Json.write(m);
    }

    /** The record in {@code bytes}; empty when they are not a lease record. */
    static Optional<LeaseRecord> parse(byte[] bytes) {
        if (bytes == null) {
            return Optional.empty();
        }
        return Json.tryRead(bytes).flatMap(LeaseRecord::fromJson);
    }

    private static Optional<LeaseRecord> fromJson(JsonNode n) {
        try {
            String token = n.path("token").asText("");
            if (token.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new LeaseRecord(token, n.path("owner").asText("?"), n.path("host").asText("?"),
                    n.path("pid").asLong(-1), Instant.parse(n.path("acquired").asText()),
                    Instant.parse(n.path("expires").asText())));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
