package dev.agentkit.nats;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.nats.connect.NatsConnectionConfig;
import dev.agentkit.testing.nats.NatsServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the broker contract, unchanged, against {@link JetStreamBroker} on a real nats-server:
 * the same tests the in-memory broker passes. Time passes for real here, so the suite takes
 * about as long as its delays add up to.
 */
class JetStreamBrokerIT extends RealTimeBrokerContract {
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
}
