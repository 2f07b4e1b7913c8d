package dev.agentkit.cli;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.ConsumerStatus;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.broker.PublishResult;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.topology.ConsumerSpec;
import dev.agentkit.core.topology.StreamSpec;
import java.time.Duration;
import java.util.List;

/**
 * The broker {@code agentkit up}'s agents see: the team's broker, except that once
 * {@link #stop()} is called a fetch returns nothing. A turn running at a SIGTERM then finishes
 * the item in hand (its work, commit, announcement and ack go through as usual), finds its queue
 * "empty" and ends, so shutting down never leaves an item half-settled, and nothing fetched after
 * the signal burns a delivery attempt. Everything else is passed through.
 */
public final class StoppingBroker implements Broker {
    private final Broker delegate;
    private volatile boolean stopped;

    public StoppingBroker(Broker delegate) {
        this.delegate = delegate;
    }

    /** From now on, fetches return nothing. */
    public void stop() {
        stopped = true;
    }

    @Override
    public List<Delivery> fetch(ConsumerRef consumer, int maxMessages, Duration maxWait) {
        return stopped ? List.of() : delegate.fetch(consumer, maxMessages, maxWait);
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
    public PublishResult publish(String subject, Envelope envelope) {
        return delegate.publish(subject, envelope);
    }

    @Override
    public ConsumerStatus status(ConsumerRef consumer) {
        return delegate.status(consumer);
    }

    /** Does nothing: the team's connection is closed by whoever opened it. */
    @Override
    public void close() {
    }
}
