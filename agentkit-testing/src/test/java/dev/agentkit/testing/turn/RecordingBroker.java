package dev.agentkit.testing.turn;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.broker.ForwardingBroker;
import dev.agentkit.core.broker.Pulls;
import dev.agentkit.core.message.Envelope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A broker that delegates and records every delivery one consumer hands out and how each was
 * settled, so a test can check that a turn settled everything it pulled.
 */
final class RecordingBroker extends ForwardingBroker {
    /** One delivery handed out, and its final settlement so far ({@code null}: unsettled). */
    static final class Handed {
        final Delivery delivery;
        final int batch;
        String settled;
        int settlements;

        Handed(Delivery delivery, int batch) {
            this.delivery = delivery;
            this.batch = batch;
        }
    }

    private final ConsumerRef watched;
    final List<Handed> handed = new ArrayList<>();
    private int batches;

    RecordingBroker(Broker delegate, ConsumerRef watched) {
        super(delegate);
        this.watched = watched;
    }

    @Override
    public Pulls pulls(ConsumerRef consumer) {
        return Pulls.oneAtATime(this, consumer);
    }

    @Override
    public List<Delivery> fetch(ConsumerRef consumer, int maxMessages, Duration maxWait) {
        List<Delivery> got = delegate.fetch(consumer, maxMessages, maxWait);
        if (!consumer.equals(watched)) {
            return got;
        }
        int batch = ++batches;
        return got.stream().map(d -> {
            Handed h = new Handed(d, batch);
            handed.add(h);
            return (Delivery) new Recorded(h);
        }).toList();
    }

    private record Recorded(Handed h) implements Delivery {
        @Override
        public Envelope envelope() {
            return h.delivery.envelope();
        }

        @Override
        public String subject() {
            return h.delivery.subject();
        }

        @Override
        public String stream() {
            return h.delivery.stream();
        }

        @Override
        public long streamSequence() {
            return h.delivery.streamSequence();
        }

        @Override
        public int deliveryCount() {
            return h.delivery.deliveryCount();
        }

        @Override
        public void ack() {
            h.delivery.ack();
            settle("ack");
        }

        @Override
        public void nak(Duration delay) {
            h.delivery.nak(delay);
            settle("nak");
        }

        @Override
        public void term(String reason) {
            h.delivery.term(reason);
            settle("term");
        }

        @Override
        public void inProgress() {
            h.delivery.inProgress();
        }

        private void settle(String how) {
            h.settled = how;
            h.settlements++;
        }
    }
}
