package dev.agentkit.matrix.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One room event from a sync timeline or a history page. Read by {@code MatrixChatPort}.
 *
 * @param eventId   the event id, e.g. {@code $abc}
 * @param type      the event type, e.g. {@code m.room.message}
 * @param sender    the sender's user id
 * @param sentAt    the origin server timestamp
 * @param content   the event content as JSON
 */
public record RoomEvent(String eventId, String type, String sender, Instant sentAt, JsonNode content) {
    public RoomEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(content, "content");
    }

    static RoomEvent from(JsonNode e) {
        return new RoomEvent(e.path("event_id").asText(""), e.path("type").asText(""), e.path("sender").asText(""),
                Instant.ofEpochMilli(e.path("origin_server_ts").asLong(0)), e.path("content"));
    }

    /** The plain-text {@code body} of a message, or empty text. */
    public String body() {
        return content.path("body").asText("");
    }

    /** Whether this is a room message with a text body, an event id and a sender (not redacted, not a state event); readers skip anything else. */
    public boolean isMessage() {
        return "m.room.message".equals(type) && content.path("body").isTextual()
                && !eventId.isBlank() && !sender.isBlank();
    }
}
