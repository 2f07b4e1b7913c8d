package dev.agentkit.nats;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.nats.connect.NatsConnectionConfig;
import dev.agentkit.testing.broker.BrokerContract;
import dev.agentkit.testing.nats.NatsServerExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the broker contract, unchanged, against {@link JetStreamBroker} on a real nats-server:
 * the same tests the in-memory broker passes. Time passes for real here, so the suite takes
 * about as long as its delays add up to.
 */
class JetStreamBrokerIT extends BrokerContract {
    @RegisterExtension
    static final NatsServerExtension NATS = new NatsServerExtension();

    private static JetStreamBroker broker;

    @BeforeAll
    static void connect() {
        broker = JetStreamBroker.connect(NatsConnectionConfig.builder().servers(NATS.fixture().url()).build());
    }

    @AfterAll
    static void disconnect() {
        if (broker != null) {
            broker.close();
        }
    }

    @Override
    protected Broker broker() {
        return broker;
    }

    @Override
    protected void elapse(Duration d) {
        RealTime.pass(d);
    }

    /** Server timers are not exact: a fetch for a redelivery that is due now may wait this long. */
    @Override
    protected Duration margin() {
        return Duration.ofSeconds(2);
    }
}
