package dev.agentkit.testing.chat;

import dev.agentkit.core.chat.ChatBatch;
import dev.agentkit.core.chat.ChatPort;

/**
 * The port of {@link InMemoryChat#sharedSeat()}: an account of nobody's, which each agent built
 * on it trades for its own seat ({@link #seatFor}). Reading or posting on it directly fails.
 */
final class SharedSeat implements ChatPort {
    private final InMemoryChat chat;

    SharedSeat(InMemoryChat chat) {
        this.chat = chat;
    }

    @Override
    public ChatPort seatFor(String agentName) {
        return chat.portFor(agentName);
    }

    @Override
    public ChatBatch read(String cursor) {
        throw unseated();
    }

    @Override
    public void post(String room, String text, String idempotencyKey) {
        throw unseated();
    }

    private static IllegalStateException unseated() {
        return new IllegalStateException("the shared seat of an InMemoryChat has no account of its own: an agent built on"
                + " it takes its own seat; for anything else use InMemoryChat.portFor(name)");
    }

    @Override
    public String toString() {
        return "InMemoryChat shared seat";
    }
}
