package dev.agentkit.core.chat;

import java.util.List;

/** The {@link ChatPort#none()} port. */
enum NoChat implements ChatPort {
    INSTANCE;

    @Override
    public ChatBatch read(String cursor) {
        return new ChatBatch(List.of(), cursor);
    }

    @Override
    public void post(String room, String text, String idempotencyKey) {
        // no chat configured
    }
}
