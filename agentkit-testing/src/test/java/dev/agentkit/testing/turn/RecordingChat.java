package dev.agentkit.testing.turn;

import dev.agentkit.core.chat.ChatBatch;
import dev.agentkit.core.chat.ChatException;
import dev.agentkit.core.chat.ChatMessage;
import dev.agentkit.core.chat.ChatPort;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A minimal chat port for turn tests: queued incoming messages, recorded posts, and a down switch. */
class RecordingChat implements ChatPort {
    final List<ChatMessage> incoming = new ArrayList<>();
    final Map<String, String> posts = new LinkedHashMap<>();
    boolean down;

    @Override
    public ChatBatch read(String cursor) {
        requireUp();
        int from = cursor == null ? 0 : Integer.parseInt(cursor);
        return new ChatBatch(incoming.subList(from, incoming.size()), Integer.toString(incoming.size()));
    }

    @Override
    public void post(String room, String text, String idempotencyKey) {
        requireUp();
        posts.putIfAbsent(idempotencyKey, room + "|" + text);
    }

    private void requireUp() {
        if (down) {
            throw new ChatException("homeserver unreachable");
        }
    }

    List<String> postsTo(String room) {
        return posts.values().stream().filter(p -> p.startsWith(room + "|")).map(p -> p.substring(room.length() + 1))
                .toList();
    }
}
