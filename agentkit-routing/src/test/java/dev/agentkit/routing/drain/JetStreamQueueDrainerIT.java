package dev.agentkit.routing.drain;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.nats.JetStreamBroker;
import dev.agentkit.nats.connect.NatsConnectionConfig;
import dev.agentkit.testing.nats.JetStreamCleanup;
import dev.agentkit.testing.nats.NatsServerExtension;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the drainer contract, unchanged, on {@link JetStreamBroker} against a real nats-server:
 * the same tests {@code InMemoryQueueDrainerTest} runs on the in-memory broker. One server per
 * class; the topology's stream names are fixed, so each test starts by deleting them (with
 * their consumers and de-duplication state) before the contract provisions them afresh.
 */
class JetStreamQueueDrainerIT extends QueueDrainerContract {
    @RegisterExtension
    static final NatsServerExtension NATS = new NatsServerExtension();

    private JetStreamBroker broker;

    /** A broker on a new connection, made at the test's first use on a server without the topology's streams. */
    @Override
    protected Broker broker() {
        if (broker == null) {
            broker = JetStreamBroker.connect(NatsConnectionConfig.builder().servers(NATS.fixture().url()).build());
            JetStreamCleanup.deleteStreams(broker.connection(), topology);
        }
        return broker;
    }

    @AfterEach
    void disconnect() {
        if (broker != null) {
            broker.close();
        }
    }

    /** Server timers move with the wall clock only: let {@code d} of it go by. */
    @Override
    protected void elapse(Duration d) {
        long deadline = System.nanoTime() + d.toNanos();
        for (long left = d.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    /** jnats' shortest pull expiry; enough for a redelivery that is due now to arrive. */
    @Override
    protected Duration fetchWait() {
        return Duration.ofSeconds(1);
    }
}
