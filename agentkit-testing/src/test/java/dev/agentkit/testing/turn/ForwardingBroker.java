package dev.agentkit.testing.turn;

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

/** A broker that hands every call to another; test brokers extend it and override what they change. */
abstract class ForwardingBroker implements Broker {
    protected final Broker delegate;

    ForwardingBroker(Broker delegate) {
        this.delegate = delegate;
    }

    @Override
    public List<Delivery> fetch(ConsumerRef consumer, int maxMessages, Duration maxWait) {
        return delegate.fetch(consumer, maxMessages, maxWait);
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

    @Override
    public void close() {
        delegate.close();
    }
}
