package dev.agentkit.core.workspace;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a lock file says: a unique token (the holder's proof on release), the owner, the process
 * and host that took it, and when. Written as {@code key=value} lines so a human can read it.
 */
record LockRecord(String token, String owner, long pid, String host, Instant acquired) {

    byte[] bytes() {
        return ("token=" + token + "\nowner=" + owner + "\npid=" + pid + "\nhost=" + host
                + "\nacquired=" + acquired + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The record in {@code text}; empty when the text is incomplete (still being written, or torn). */
    static Optional<LockRecord> parse(String text) {
        Map<String, String> fields = new HashMap<>();
        text.lines().forEach(line -> {
            int eq = line.indexOf('=');
            if (eq > 0) {
                fields.put(line.substring(0, eq), line.substring(eq + 1));
            }
        });
        String token = fields.get("token");
        String acquired = fields.get("acquired");
        if (token == null || token.isEmpty() || acquired == null || !text.endsWith("\n")) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(fields.getOrDefault("pid", "-1"));
            return Optional.of(new LockRecord(token, fields.getOrDefault("owner", "?"), pid,
                    fields.getOrDefault("host", "?"), Instant.parse(acquired)));
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
