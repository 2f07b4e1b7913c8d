package dev.agentkit.core.chat;

/**
 * An agent's seat in the team chat: it reads what was said since its cursor and posts to rooms.
 * One port per agent account. Implemented by {@code MatrixChatPort} (agentkit-matrix) and by the
 * ports of {@code InMemoryChat} (agentkit-testing); {@link #none()} for agents without chat.
 *
 * <p>The port decides who is human (a sender that is not a configured agent account), whether a
 * message is addressed to this agent, and whether its sender may command agents. The turn cycle
 * reads the chat at the start of a turn and keeps the cursor in the agent's state.
 */
public interface ChatPort {

    /**
     * Messages in the agent's rooms after {@code cursor}, oldest first, and the cursor to pass
     * next time. A {@code null} cursor reads from the beginning of what the port keeps.
     *
     * @throws ChatException when the chat server cannot be reached or refuses
     */
    ChatBatch read(String cursor);

    /**
     * Posts {@code text} to {@code room} (a logical name such as {@code alerts}). The same
     * {@code idempotencyKey} posted twice shows one message. A text longer than
     * {@link ChatLimits#MAX_POST_BYTES} is cut to fit with {@link ChatLimits#fit}.
     *
     * @throws ChatException when the chat server cannot be reached or refuses; its
     *     {@link ChatException#kind() kind} says whether posting again later can help
     */
    void post(String room, String text, String idempotencyKey);

    /**
     * The seat of agent {@code agentName} on this port. A port made for one agent account (the
     * default) is its own seat and returns itself; a port several agents share, such as the test
     * kit's ({@code AgentTestKit.runtime()}), returns that agent's own port. A
     * {@code TurnBasedAgent} asks once, when it is built ({@code AgentRuntime.forAgent}).
     */
    default ChatPort seatFor(String agentName) {
        return this;
    }

    /** A port with no chat: reads nothing, posts nowhere. */
    static ChatPort none() {
        return NoChat.INSTANCE;
    }
}
