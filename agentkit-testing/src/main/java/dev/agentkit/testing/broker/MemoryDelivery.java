package dev.agentkit.testing.broker;

import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.message.Envelope;
import java.time.Duration;

/** A {@link Delivery} of the {@link InMemoryBroker}; settling goes back to the broker under its lock. */
final class MemoryDelivery implements Delivery {
    private final InMemoryBroker broker;
    private final MemoryConsumer consumer;
    private final MemoryConsumer.Taken taken;

    MemoryDelivery(InMemoryBroker broker, MemoryConsumer consumer, MemoryConsumer.Taken taken) {
        this.broker = broker;
        this.consumer = consumer;
        this.taken = taken;
    }

    @Override
    public Envelope envelope() {
        return taken.message().envelope();
    }

    @Override
    public String subject() {
        return taken.message().subject();
    }

    @Override
    public String stream() {
        return consumer.stream.spec.name();
    }

    @Override
    public long streamSequence() {
        return taken.message().sequence();
    }

    @Override
    public int deliveryCount() {
        return taken.deliveryCount();
    }

    @Override
    public void ack() {
        broker.settle(this, InMemoryBroker.Action.ACK, null);
    }

    @Override
    public void nak(Duration delay) {
        broker.settle(this, InMemoryBroker.Action.NAK, delay);
    }

    @Override
    public void term(String reason) {
        broker.settle(this, InMemoryBroker.Action.TERM, null);
    }

    @Override
    public void inProgress() {
        broker.settle(this, InMemoryBroker.Action.IN_PROGRESS, null);
    }

    MemoryConsumer consumer() {
        return consumer;
    }

    ConsumerRef consumerRef() {
        return ConsumerRef.of(consumer.spec);
    }

    long generation() {
        return taken.generation();
    }

    @Override
    public String toString() {
        return "Delivery[" + stream() + ":" + streamSequence() + " #" + deliveryCount() + " " + subject() + "]";
    }
}
