package dev.agentkit.examples.readme;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.testing.VirtualClock;
import dev.agentkit.testing.broker.BrokerContract;
import dev.agentkit.testing.broker.InMemoryBroker;
import java.time.Duration;

/** The README's "The contract suite": extending the suite, here for the in-memory broker (checked by ReadmeSnippetsTest). */
class MyBrokerContractTest extends BrokerContract {
    private final VirtualClock clock = new VirtualClock();                 // (not in the README)
    private final InMemoryBroker inMemory = new InMemoryBroker(clock);     // (not in the README)
    protected Broker broker() { return inMemory; }
    protected void elapse(Duration d) { clock.advance(d); }   // let broker time pass
}
