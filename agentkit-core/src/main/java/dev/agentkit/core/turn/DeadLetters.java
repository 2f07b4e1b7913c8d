package dev.agentkit.core.turn;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.broker.PublishResult;
import dev.agentkit.core.internal.oversight.DeadLetterIndex;
import dev.agentkit.core.oversight.DeadLetter;

/**
 * Sends a given-up delivery to {@code work.deadletter.<agent>} as a {@link DeadLetter}: the
 * original body and headers plus why, from where and after how many deliveries, cut to fit the
 * server's max payload ({@link DeadLetter#toEnvelope(long)}), so a letter can always be
 * published. Only once it is published is it indexed, by reference to where the stream stored
 * it; the caller posts the alert and then records it with {@link #escalated}. So a failure at
 * any step leaves nothing recorded that did not happen: the next delivery sends again and alerts
 * once. The letter's message id is derived from the original stream and sequence, so sending
 * twice (a crash before the term) stores one letter; the alert's idempotency key
 * ({@code Escalation.key}) makes a second post show once.
 */
final class DeadLetters {
    /** A letter that was published and indexed; {@code alert} says whether its alert is still to be posted. */
    record Sent(DeadLetter letter, boolean alert) {
    }

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

    /** Publishes the letter of {@code d}, then indexes it; throws what the broker or the store threw. */
    Sent send(Delivery d, DeadLetter.Kind kind, String reason, String lastError) {
        return send(DeadLetter.of(d.envelope(), d.subject(), d.stream(), d.streamSequence(), d.deliveryCount(),
                agent, kind, reason, lastError));
    }

    /** Publishes {@code letter}, then indexes it; throws what the broker or the store threw. */
    Sent send(DeadLetter letter) {
        PublishResult stored = broker.publish(subject, letter.toEnvelope(broker.maxPayload()));
        index.recordNew(subject, stored.stream(), stored.sequence(), letter);
        return new Sent(letter, !index.isEscalated(letter));
    }

    /** Records that the alert of {@code letter} was handed to the chat outbox. */
    void escalated(DeadLetter letter) {
        index.markEscalated(letter);
    }
}
