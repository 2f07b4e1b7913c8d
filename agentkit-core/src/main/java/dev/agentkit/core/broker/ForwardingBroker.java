package dev.agentkit.core.broker;

import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.topology.ConsumerSpec;
import dev.agentkit.core.topology.StreamSpec;
import dev.agentkit.core.topology.Topology;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link Broker} that hands every call to another one, for decorators that change a few: a
 * broker that stops fetching at shutdown, one that adds trace headers to publishes, a test broker
 * that records or fails calls. Subclasses override what they change. Every method of
 * {@code Broker}, default ones included, is forwarded, so a decorator never falls back to a
 * default where the wrapped broker has its own answer (the server's max payload, reading a stored
 * message back).
 */
public abstract class ForwardingBroker implements Broker {
    /** The broker every call goes to. */
    protected final Broker delegate;

    /** A decorator of {@code delegate}. */
    protected ForwardingBroker(Broker delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public void ensureStream(StreamSpec spec) {
        delegate.ensureStream(spec);
    }

    @Override
    public void ensureConsumer(ConsumerSpec spec) {
        delegate.ensureConsumer(spec);
    }

    @Override
    public void provision(Topology topology, Map<String, String> agentRoles) {
        delegate.provision(topology, agentRoles);
    }

    @Override
    public PublishResult publish(String subject, Envelope envelope) {
        return delegate.publish(subject, envelope);
    }

    @Override
    public List<Delivery> fetch(ConsumerRef consumer, int maxMessages, Duration maxWait) {
        return delegate.fetch(consumer, maxMessages, maxWait);
    }

    /**
     * The delegate's pulls. A decorator that changes {@link #fetch} returns
     * {@code Pulls.oneAtATime(this, consumer)} here instead, so its fetch is the one that runs.
     */
    @Override
    public Pulls pulls(ConsumerRef consumer) {
        return delegate.pulls(consumer);
    }

    @Override
    public long maxPayload() {
        return delegate.maxPayload();
    }

    @Override
    public Optional<Envelope> envelopeAt(String stream, long sequence) {
        return delegate.envelopeAt(stream, sequence);
    }

    @Override
    public ConsumerStatus status(ConsumerRef consumer) {
        return delegate.status(consumer);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + delegate + ")";
    }
}
