package dev.agentkit.nats;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.store.ProcessedStore;
import dev.agentkit.core.store.StateStore;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.nats.connect.NatsConnectionConfig;
import dev.agentkit.nats.kv.KvProcessedStore;
import dev.agentkit.nats.kv.KvStateStore;
import dev.agentkit.testing.nats.NatsServerExtension;
import dev.agentkit.testing.turn.ApprovalCycleContract;
import io.nats.client.Connection;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The approval cycle on a real nats-server: the work stream, the de-duplication window (the
 * decision comes back within it, under a message id of its own), reading the parked item back by
 * stream and sequence, and the KV state and processed stores. Time passes for real.
 */
class JetStreamApprovalCycleIT extends ApprovalCycleContract {
    @RegisterExtension
    static final NatsServerExtension NATS = new NatsServerExtension();

    private final String id = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private JetStreamBroker broker;
    private StateStore state;
    private ProcessedStore processed;

    @Override
    protected Broker broker() {
        if (broker == null) {
            broker = JetStreamBroker.connect(NatsConnectionConfig.builder().servers(NATS.fixture().url()).build());
            Connection nc = broker.connection();
            state = KvStateStore.open(nc, "state_" + id);
            processed = KvProcessedStore.open(nc, "processed_" + id, Duration.ZERO, AgentClock.system());
        }
        return broker;
    }

    @Override
    protected StateStore stateStore() {
        broker();
        return state;
    }

    @Override
    protected ProcessedStore processedStore() {
        broker();
        return processed;
    }

    @Override
    protected AgentClock clock() {
        return AgentClock.system();
    }

    @Override
    protected void elapse(Duration d) {
        RealTime.pass(d);
    }

    @AfterEach
    void closeBroker() {
        if (broker != null) {
            broker.close();
        }
    }
}
