package dev.agentkit.core.turn;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.agentkit.core.chat.ChatException;
import dev.agentkit.core.chat.ChatPort;
import dev.agentkit.core.message.Json;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts for one turn. A post the chat server refuses is kept in the agent's state and sent,
 * with the same idempotency key, at the start of a later turn; so an alert is never lost because
 * the homeserver was down.
 */
final class ChatOutbox {
    private static final Logger log = LoggerFactory.getLogger(ChatOutbox.class);
    static final String PENDING_KEY = "chat.pending";
    private static final TypeReference<List<Post>> POSTS = new TypeReference<>() {
    };

    record Post(String room, String text, String key) {
    }

    private final ChatPort chat;
    private final AgentState state;
    private final TurnTally tally;
    private final List<Post> pending;

    ChatOutbox(ChatPort chat, AgentState state, TurnTally tally) {
        this.chat = chat;
        this.state = state;
        this.tally = tally;
        this.pending = new ArrayList<>(state.get(PENDING_KEY)
                .map(json -> Json.mapper().convertValue(Json.read(json, List.class), POSTS)).orElse(List.of()));
    }

    /** Sends the posts kept from earlier turns, oldest first, until one fails. */
    void flushPending() {
        while (!pending.isEmpty() && send(pending.get(0))) {
            pending.remove(0);
        }
        persist();
    }

    /** Posts now, or keeps the post for a later turn if the chat fails (or earlier posts still wait). */
    void post(String room, String text, String key) {
        Post p = new Post(room, text, key);
        if (!pending.isEmpty() || !send(p)) {
            pending.add(p);
            log.info("kept a post to {} for a later turn ({} waiting)", room, pending.size());
        }
        persist();
    }

    private boolean send(Post p) {
        try {
            chat.post(p.room(), p.text(), p.key());
            return true;
        } catch (ChatException e) {
            log.warn("chat post to {} failed: {}", p.room(), e.getMessage());
            tally.chatFailed(e.getMessage());
            return false;
        }
    }

    private void persist() {
        if (pending.isEmpty()) {
            state.remove(PENDING_KEY);
        } else {
            state.put(PENDING_KEY, Json.writeString(pending));
        }
    }
}
