package dev.agentkit.matrix.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Who created a room, from its {@code m.room.create} event: the sender (and, from room version
 * 12, the {@code additional_creators}), and whether those creators hold unlimited power, as in
 * room version 12 and later, where they are not listed in the power levels. Read by
 * {@code MatrixChatPort} to decide whether a room's power levels can be trusted.
 *
 * @param creators           the creator and any additional creators
 * @param privilegedCreators whether the creators outrank every power level (room version 12+)
 */
public record RoomCreation(Set<String> creators, boolean privilegedCreators) {
    private static final int FIRST_PRIVILEGED_VERSION = 12;

    public RoomCreation {
        creators = Set.copyOf(creators);
    }

    /** From the {@code m.room.create} event (or, from an older server, only its content). */
    static RoomCreation from(JsonNode eventOrContent) {
        JsonNode content = eventOrContent.has("content") ? eventOrContent.get("content") : eventOrContent;
        Set<String> creators = new LinkedHashSet<>();
        String sender = eventOrContent.path("sender").asText(content.path("creator").asText(""));
        if (!sender.isEmpty()) {
            creators.add(sender);
        }
        content.path("additional_creators").forEach(c -> creators.add(c.asText()));
        String version = content.path("room_version").asText("1");
        boolean privileged = version.matches("\\d{1,4}") && Integer.parseInt(version) >= FIRST_PRIVILEGED_VERSION;
        return new RoomCreation(creators, privileged);
    }

    /** The level of {@code userId}: unlimited for a privileged creator, else what {@code levels} say. */
    public int levelOf(String userId, PowerLevels levels) {
        return privilegedCreators && creators.contains(userId) ? Integer.MAX_VALUE : levels.levelOf(userId);
    }
}
