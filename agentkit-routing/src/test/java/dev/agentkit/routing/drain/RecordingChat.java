package dev.agentkit.routing.drain;

import dev.agentkit.core.chat.ChatBatch;
import dev.agentkit.core.chat.ChatException;
import dev.agentkit.core.chat.ChatPort;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A chat port that keeps posts by idempotency key (one message per key, as the port promises), or fails. */
final class RecordingChat implements ChatPort {
    record Post(String room, String text) {
    }

    private final Map<String, Post> posts = new LinkedHashMap<>();
    private boolean down;

    void down() {
        this.down = true;
    }

    List<Post> posts() {
        return new ArrayList<>(posts.values());
    }

    @Override
    public ChatBatch read(String cursor) {
        return new ChatBatch(List.of(), cursor);
    }

    @Override
    public void post(String room, String text, String idempotencyKey) {
        if (down) {
            throw new ChatException("chat server unreachable");
        }
        posts.putIfAbsent(idempotencyKey, new Post(room, text));
    }
}
