package dev.agentkit.testing.turn;

import dev.agentkit.core.broker.ForwardingBroker;
import dev.agentkit.core.broker.Pulls;
import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.Delivery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A broker that fails fetches of one consumer on purpose, as a cluster failover or a lost server
 * would, and otherwise delegates; it records every fetch of that consumer and the wait it asked.
 */
class FlakyBroker extends ForwardingBroker {
    private ConsumerRef failing;
    private int failuresLeft;
    private boolean transientFailures = true;
    final List<Duration> fetchWaits = new ArrayList<>();

    FlakyBroker(Broker delegate) {
        super(delegate);
    }

    /** The next {@code n} fetches of {@code ref} fail (transiently unless {@link #permanently()}). */
    FlakyBroker failFetches(ConsumerRef ref, int n) {
        this.failing = ref;
        this.failuresLeft = n;
        return this;
    }

    FlakyBroker permanently() {
        this.transientFailures = false;
        return this;
    }

    @Override
    public List<Delivery> fetch(ConsumerRef consumer, int maxMessages, Duration maxWait) {
        failIfDue(consumer, maxWait);
        return delegate.fetch(consumer, maxMessages, maxWait);
    }

    @Override
    public Pulls pulls(ConsumerRef consumer) {
        return Pulls.oneAtATime(this, consumer);
    }

    private void failIfDue(ConsumerRef consumer, Duration maxWait) {
        if (consumer.equals(failing)) {
            fetchWaits.add(maxWait);
            if (failuresLeft > 0) {
                failuresLeft--;
                throw new BrokerException("fetch from " + consumer + ": no leader (a test failover)", transientFailures);
            }
        }
    }
}
