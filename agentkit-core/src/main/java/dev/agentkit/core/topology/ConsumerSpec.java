package dev.agentkit.core.topology;

import dev.agentkit.core.internal.topology.Subjects;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A durable pull consumer with explicit acks: which stream, which subjects, how long a delivery
 * may stay unacknowledged, and how many deliveries an item gets. Immutable. Built by
 * {@link Topology#consumersFor} for agents, or directly by users and tests.
 *
 * @param stream         the stream it reads
 * @param durable        its durable name (the agent's name for agent consumers)
 * @param filterSubjects subjects it receives; empty for every subject of the stream
 * @param ackWait        how long a delivery may go unacknowledged before it is redelivered
 * @param maxDeliver     the most deliveries of one message; {@code -1} for no limit
 * @param maxAckPending  the most unacknowledged deliveries at once
 */
public record ConsumerSpec(String stream, String durable, List<String> filterSubjects, Duration ackWait,
                           int maxDeliver, int maxAckPending) {

    public static final Duration DEFAULT_ACK_WAIT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_DELIVER = 3;
    public static final int DEFAULT_MAX_ACK_PENDING = 1000;

    public ConsumerSpec {
        Names.requireName("consumer stream", stream);
        Names.requireName("consumer durable name", durable);
        filterSubjects = List.copyOf(Objects.requireNonNull(filterSubjects, "filterSubjects"));
        filterSubjects.forEach(s -> Subjects.requireValid("consumer " + durable + " filter", s));
        Names.requireNonNegative("consumer " + durable + " ackWait", ackWait);
        if (ackWait.toMillis() < 1) {
            throw new IllegalArgumentException("consumer " + durable + ": ackWait must be at least 1 ms");
        }
        if (maxDeliver == 0 || maxDeliver < -1) {
            throw new IllegalArgumentException("consumer " + durable + ": maxDeliver must be positive or -1, was " + maxDeliver);
        }
        if (maxAckPending < 1) {
            throw new IllegalArgumentException("consumer " + durable + ": maxAckPending must be positive, was " + maxAckPending);
        }
    }

    /** A consumer with the defaults: 30 s ack wait, 3 deliveries, 1000 pending acks. */
    public static ConsumerSpec of(String stream, String durable, String... filterSubjects) {
        return new ConsumerSpec(stream, durable, List.of(filterSubjects), DEFAULT_ACK_WAIT,
                DEFAULT_MAX_DELIVER, DEFAULT_MAX_ACK_PENDING);
    }

    /** A copy with another ack wait. */
    public ConsumerSpec withAckWait(Duration d) {
        return new ConsumerSpec(stream, durable, filterSubjects, d, maxDeliver, maxAckPending);
    }

    /** A copy with another delivery limit. */
    public ConsumerSpec withMaxDeliver(int n) {
        return new ConsumerSpec(stream, durable, filterSubjects, ackWait, n, maxAckPending);
    }

    /** A copy with another limit on unacknowledged deliveries. */
    public ConsumerSpec withMaxAckPending(int n) {
        return new ConsumerSpec(stream, durable, filterSubjects, ackWait, maxDeliver, n);
    }

    /** Whether a delivery with this count is the last one this consumer allows. */
    public boolean isLastDelivery(int deliveryCount) {
        return maxDeliver != -1 && deliveryCount >= maxDeliver;
    }
}
