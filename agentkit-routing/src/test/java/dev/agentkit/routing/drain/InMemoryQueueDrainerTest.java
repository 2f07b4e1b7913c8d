package dev.agentkit.routing.drain;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.testing.VirtualClock;
import dev.agentkit.testing.broker.InMemoryBroker;
import java.time.Duration;

/** Runs the drainer contract on the in-memory broker and a virtual clock. */
class InMemoryQueueDrainerTest extends QueueDrainerContract {
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
