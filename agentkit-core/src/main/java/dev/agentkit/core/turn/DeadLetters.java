package dev.agentkit.core.turn;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.oversight.DeadLetter;
import dev.agentkit.core.oversight.DeadLetterIndex;
import java.util.Optional;

/**
 * Sends a given-up delivery to {@code work.deadletter.<agent>} as a {@link DeadLetter}: the
 * original body and headers plus why, from where and after how many deliveries. It indexes the
 * letter first (marked escalated, since the caller posts the alert), so a desk reading the letter
 * does not alert twice. The letter's message id is derived from the original stream and
 * sequence, so sending twice (a crash before the term) stores one letter and alerts once.
 */
final class DeadLetters {
    private final Broker broker;
    private final String subject;
    private final String agent;
    private final DeadLetterIndex index;

    DeadLetters(Broker broker, String subject, String agent, DeadLetterIndex index) {
        this.broker = broker;
        this.subject = subject;
        this.agent = agent;
        this.index = index;
    }

    /** Publishes the letter; returns it when it is new and humans must be told, empty when it was sent before. */
    Optional<DeadLetter> send(Delivery d, DeadLetter.Kind kind, String reason, String lastError) {
        DeadLetter letter = DeadLetter.of(d.envelope(), d.subject(), d.stream(), d.streamSequence(), d.deliveryCount(),
                agent, kind, reason, lastError);
        boolean fresh = index.recordNew(subject, letter, true).isPresent();
        broker.publish(subject, letter.toEnvelope());
        return fresh ? Optional.of(letter) : Optional.empty();
    }
}
