package dev.agentkit.testing.broker;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.testing.VirtualClock;
import java.time.Duration;

/** Runs the broker contract against the in-memory broker on a virtual clock. */
class InMemoryBrokerContractTest extends BrokerContract {
    private final VirtualClock clock = new VirtualClock();
    private final InMemoryBroker broker = new InMemoryBroker(clock);

    @Override
    protected Broker broker() {
        return broker;
    }

    @Override
    protected void elapse(Duration d) {
        clock.advance(d);
    }
}
