package dev.agentkit.testing.oversight;

import dev.agentkit.core.message.Json;
import dev.agentkit.core.store.StateStore;
import dev.agentkit.testing.chat.InMemoryChat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reading an {@link InMemoryChat} the way oversight tests assert on it. */
final class ChatLog {
    private ChatLog() {
    }

    /** What agents (and the desk) posted to {@code room}, oldest first, as {@code roy: text}. */
    static List<String> posts(InMemoryChat chat, String room) {
        return chat.messages(room).stream().filter(p -> !p.sender().startsWith("@moss") && !p.sender().startsWith("@mallory"))
                .map(p -> p.sender().substring(1, p.sender().indexOf(':')) + ": " + p.text()).toList();
    }

    /** Makes {@code agent}'s next turn read the chat from the start, as a re-sync from an old cursor. */
    static void forgetCursor(StateStore store, String agent) {
        @SuppressWarnings("unchecked")
        Map<String, String> state = new TreeMap<>(Json.read(store.get("agent." + agent).orElseThrow(), Map.class));
        state.remove("chat.cursor");
        store.put("agent." + agent, Json.writeString(state));
    }
}
