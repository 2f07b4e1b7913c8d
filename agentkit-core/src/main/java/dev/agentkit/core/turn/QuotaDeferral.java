package dev.agentkit.core.turn;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.message.Headers;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.core.topology.ConsumerSpec;
import java.time.Duration;
import java.time.Instant;

/**
 * Puts an item back until a provider quota resets, without it ever reaching the dead letters for
 * that reason. Before its last delivery the item is nak'ed with a delay until the reset (its
 * next delivery counts one more, as any redelivery does). On its last delivery a nak would end
 * it (JetStream does not deliver past the limit), so a copy is published to the same subject
 * with a fresh message id ({@code <id>:requeue:<sequence>}, deterministic, so a crash and retry
 * publish one copy) and a fresh delivery budget, and the original is acked.
 */
final class QuotaDeferral {
    private final Broker broker;
    private final AgentClock clock;

    QuotaDeferral(Broker broker, AgentClock clock) {
        this.broker = broker;
        this.clock = clock;
    }

    /** Defers {@code d} until {@code resetAt}; returns how, for logs and listeners. */
    String defer(Delivery d, ConsumerSpec consumer, Instant resetAt) {
        if (consumer.isLastDelivery(d.deliveryCount())) {
            return requeue(d);
        }
        Duration delay = Duration.between(clock.now(), resetAt);
        d.nak(delay.isNegative() ? Duration.ZERO : delay);
        return "nak'ed until " + resetAt;
    }

    /** Publishes a copy of {@code d} with a fresh delivery budget and acks the original; returns how. */
    String requeue(Delivery d) {
        return requeue(broker, d);
    }

    /**
     * Publishes a copy of {@code d} to its subject on {@code broker} with a fresh message id
     * ({@code <item id>:requeue:<sequence>}, so a crash and retry publish one copy) and a fresh
     * delivery budget, then acks the original; returns how, for logs. The copy keeps the item's id
     * in {@code Agentkit-Item-Id}, so it is the same item to {@code processWork}, its processed mark
     * and the message ids of its announcements. Also used for a transient broker failure on an
     * item's last delivery ({@link TransientFailures}).
     */
    static String requeue(Broker broker, Delivery d) {
        String item = Settlement.itemId(d);
        String id = item + ":requeue:" + d.streamSequence();
        broker.publish(d.subject(), d.envelope().withMessageId(id).withHeader(Headers.ITEM_ID, item));
        d.ack();
        return "requeued as " + id + " with a fresh delivery budget (it was on its last delivery)";
    }
}
