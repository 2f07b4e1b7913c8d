package dev.agentkit.core.turn;

import dev.agentkit.core.chat.ChatMessage;
import dev.agentkit.core.message.Envelope;
import java.util.Optional;

/**
 * The user's hooks of a {@link TurnBasedAgent}, as the turn's steps call them: the steps take
 * this, never the agent, so they depend only on the data and callbacks they use.
 */
interface AgentHooks {
    /** {@code processWork}. */
    Outcome work(WorkItem item) throws Exception;

    /** {@code onHumanMessage}. */
    Optional<String> humanMessage(ChatMessage message);

    /** {@code onQuestion}. */
    Optional<String> question(DirectMessage question);

    /** {@code onAnswer}. */
    void answer(DirectMessage answer);

    /** {@code onCoordination}. */
    void coordination(String subject, Envelope message);
}
