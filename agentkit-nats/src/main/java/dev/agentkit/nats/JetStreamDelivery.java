package dev.agentkit.nats;

import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.internal.message.Envelopes;
import dev.agentkit.core.message.Envelope;
import io.nats.client.Message;
import io.nats.client.impl.NatsJetStreamMetaData;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Delivery} over one jnats JetStream message, made by {@link JetStreamBroker#fetch}.
 * Settling maps to the message's ack protocol: {@code nak(delay)} is {@code nakWithDelay}, since
 * a plain NAK redelivers at once whatever the consumer's backoff; failures to send (a closed
 * connection) are {@link BrokerException}s.
 */
final class JetStreamDelivery implements Delivery {
    private static final Logger log = LoggerFactory.getLogger(JetStreamDelivery.class);

    private final Message message;
    /** Read from the reply subject on first use; immutable, so a racy second read is harmless. */
    private AckSubject meta;
    private volatile Envelope envelope;

    JetStreamDelivery(Message message) {
        this.message = message;
    }

    private AckSubject meta() {
        AckSubject m = meta;
        if (m == null) {
            m = AckSubject.parse(message.getReplyTo());
            if (m == null) {
                NatsJetStreamMetaData jnats = message.metaData();
                m = new AckSubject(jnats.getStream(), jnats.streamSequence(), jnats.deliveredCount());
            }
            meta = m;
        }
        return m;
    }

    @Override
    public Envelope envelope() {
        Envelope e = envelope;
        if (e == null) {
            byte[] data = message.getData();
            // the message's own bytes and a fresh header map: nothing else holds or changes them
            e = Envelopes.owning(data == null ? new byte[0] : data, NatsHeaders.fromNats(message.getHeaders()));
            envelope = e;
        }
        return e;
    }

    @Override
    public String subject() {
        return message.getSubject();
    }

    @Override
    public String stream() {
        return meta().stream();
    }

    @Override
    public long streamSequence() {
        return meta().streamSequence();
    }

    @Override
    public int deliveryCount() {
        return (int) Math.min(Integer.MAX_VALUE, meta().deliveryCount());
    }

    @Override
    public void ack() {
        send("ack", message::ack);
    }

    @Override
    public void nak(Duration delay) {
        if (delay.isNegative() || delay.isZero()) {
            send("nak", message::nak);
        } else {
            send("nak with delay " + delay, () -> message.nakWithDelay(delay));
        }
    }

    @Override
    public void term(String reason) {
        log.debug("terminating {}:{} ({}): {}", stream(), streamSequence(), subject(), reason);
        send("term", message::term);
    }

    @Override
    public void inProgress() {
        send("in-progress", message::inProgress);
    }

    private void send(String what, Runnable action) {
        try {
            action.run();
        } catch (IllegalStateException e) {
            throw new BrokerException(what + " of " + this + " failed: " + e.getMessage(), false, e);
        }
    }

    @Override
    public String toString() {
        return stream() + ":" + streamSequence() + " (" + subject() + ", delivery " + deliveryCount() + ")";
    }
}
