package dev.agentkit.matrix;

import dev.agentkit.core.chat.ChatException;
import dev.agentkit.matrix.client.MatrixClient;
import dev.agentkit.matrix.client.MatrixException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's rooms: logical names to room ids and back. Joins each configured room (by alias)
 * the first time it is needed; a room that does not exist yet, or that the agent may not join, is
 * logged and tried again on the next read.
 */
final class RoomDirectory {
    private static final Logger log = LoggerFactory.getLogger(RoomDirectory.class);

    private final String agent;
    private final Map<String, String> aliases;
    private final Map<String, String> idByLogical = new ConcurrentHashMap<>();
    private final Map<String, String> logicalById = new ConcurrentHashMap<>();

    RoomDirectory(String agent, Map<String, String> logicalToAlias) {
        this.agent = agent;
        this.aliases = Map.copyOf(logicalToAlias);
    }

    /** Joins every configured room not joined yet; returns the ids of the joined ones. */
    List<String> joinAll(MatrixClient client) {
        for (String logical : aliases.keySet()) {
            if (!idByLogical.containsKey(logical)) {
                try {
                    join(client, logical);
                } catch (MatrixException e) {
                    if (e.noResponse()) {
                        throw e;
                    }
                    log.warn("{} cannot join {} ({}) yet: {}", agent, logical, aliases.get(logical), e.getMessage());
                }
            }
        }
        return List.copyOf(logicalById.keySet());
    }

    /**
     * The room id of logical room {@code logical}, joining it if needed.
     *
     * @throws ChatException when no room is configured under that name or it cannot be joined
     */
    String idFor(MatrixClient client, String logical) {
        String id = idByLogical.get(logical);
        if (id != null) {
            return id;
        }
        if (!aliases.containsKey(logical)) {
            throw new ChatException(ChatException.Kind.REFUSED, "no Matrix room is configured for logical room '" + logical + "' of " + agent
                    + "; configured: " + aliases.keySet());
        }
        return join(client, logical);
    }

    /** The logical name of a joined room id. */
    Optional<String> logicalName(String roomId) {
        return Optional.ofNullable(logicalById.get(roomId));
    }

    private String join(MatrixClient client, String logical) {
        String id = client.join(aliases.get(logical));
        idByLogical.put(logical, id);
        logicalById.put(id, logical);
        log.debug("{} joined {} as {}", agent, logical, id);
        return id;
    }
}
