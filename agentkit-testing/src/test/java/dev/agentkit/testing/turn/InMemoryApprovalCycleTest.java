package dev.agentkit.testing.turn;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.store.InMemoryProcessedStore;
import dev.agentkit.core.store.InMemoryStateStore;
import dev.agentkit.core.store.ProcessedStore;
import dev.agentkit.core.store.StateStore;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.testing.VirtualClock;
import dev.agentkit.testing.broker.InMemoryBroker;
import java.time.Duration;

/** The approval cycle on the in-memory broker and stores, on virtual time. */
class InMemoryApprovalCycleTest extends ApprovalCycleContract {
    private final VirtualClock clock = new VirtualClock();
    private final InMemoryBroker broker = new InMemoryBroker(clock);
    private final StateStore state = new InMemoryStateStore();
    private final ProcessedStore processed = new InMemoryProcessedStore(ProcessedStore.DEFAULT_RETENTION, clock);

    @Override
    protected Broker broker() {
        return broker;
    }

    @Override
    protected StateStore stateStore() {
        return state;
    }

    @Override
    protected ProcessedStore processedStore() {
        return processed;
    }

    @Override
    protected AgentClock clock() {
        return clock;
    }

    @Override
    protected void elapse(Duration d) {
        clock.advance(d);
    }
}
