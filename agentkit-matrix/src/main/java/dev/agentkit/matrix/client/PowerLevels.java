package dev.agentkit.matrix.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * The users part of a room's {@code m.room.power_levels} state: explicit levels and the default.
 * Read by {@code MatrixChatPort} to decide who may command agents.
 *
 * @param users        explicit levels by user id
 * @param usersDefault the level of everyone else
 */
public record PowerLevels(Map<String, Integer> users, int usersDefault) {
    public PowerLevels {
        users = Map.copyOf(users);
    }

    static PowerLevels from(JsonNode content) {
        Map<String, Integer> users = new HashMap<>();
        content.path("users").fields().forEachRemaining(e -> users.put(e.getKey(), e.getValue().asInt()));
        return new PowerLevels(users, content.path("users_default").asInt(0));
    }

    /** The level of {@code userId} in the room. */
    public int levelOf(String userId) {
        return users.getOrDefault(userId, usersDefault);
    }
}
