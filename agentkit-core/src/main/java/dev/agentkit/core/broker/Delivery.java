package dev.agentkit.core.broker;

import dev.agentkit.core.message.Envelope;
import java.time.Duration;

/**
 * One delivery of a message to a durable consumer, from {@link Broker#fetch}. It is settled
 * exactly once, by {@link #ack}, {@link #nak} or {@link #term}; until then {@link #inProgress}
 * restarts the consumer's ack wait. The turn cycle settles deliveries; agent code does not.
 */
public interface Delivery {

    /** The message. */
    Envelope envelope();

    /** The subject it was published to. */
    String subject();

    /** The stream that holds it. */
    String stream();

    /** Its sequence in the stream; equal across redeliveries. */
    long streamSequence();

    /** How many times this message has been delivered to this consumer, starting at 1. */
    int deliveryCount();

    /** Done: the consumer never delivers it again. */
    void ack();

    /** Not done: deliver it again after {@code delay} (zero for at once). */
    void nak(Duration delay);

    /** Never deliver it again, without it being done. The reason is logged, not stored. */
    void term(String reason);

    /** Still working on it: restart the ack-wait timer. */
    void inProgress();
}
