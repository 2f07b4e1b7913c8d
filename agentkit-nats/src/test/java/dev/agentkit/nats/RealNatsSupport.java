package dev.agentkit.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.topology.ConsumerSpec;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.nats.connect.NatsConnectionConfig;
import java.time.Duration;
import dev.agentkit.testing.nats.NatsServerExtension;
import io.nats.client.Connection;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Base of the integration tests: one real nats-server per test class (a fresh store), and
 * connections and brokers per test that are closed after it. Names made with {@link #unique}
 * keep tests of one class apart.
 */
public abstract class RealNatsSupport {
    @RegisterExtension
    protected static final NatsServerExtension NATS = new NatsServerExtension();

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    protected final String id = UUID.randomUUID().toString().replace("-", "").substring(0, 8);

    /** A connection to the class's server, closed after the test. */
    protected Connection connect() {
        return track(config().connect());
    }

    /** A broker with its own connection, closed after the test. */
    protected JetStreamBroker broker() {
        return track(JetStreamBroker.connect(config()));
    }

    /** The connection settings of the class's server: reconnect quickly, for restart tests. */
    protected NatsConnectionConfig config() {
        return NatsConnectionConfig.builder().servers(NATS.fixture().url())
                .reconnectWait(Duration.ofMillis(200), Duration.ofMillis(50)).build();
    }

    /** {@code prefix} made unique to this test. */
    protected String unique(String prefix) {
        return prefix + "_" + id;
    }

    /** The dead letters {@code agent} published, read by a reader of this test's own; asserts there are {@code expected}. */
    protected List<Delivery> deadLetters(JetStreamBroker broker, Topology topology, String agent, int expected) {
        ConsumerSpec reader = ConsumerSpec.of(Topology.DEAD_LETTER, "reader_" + agent + "_" + id,
                topology.deadLetterSubject(agent));
        broker.ensureConsumer(reader);
        List<Delivery> letters = broker.fetch(ConsumerRef.of(reader), 10, Duration.ofSeconds(2));
        assertThat(letters).hasSize(expected);
        return letters;
    }

    protected <T extends AutoCloseable> T track(T closeable) {
        opened.push(closeable);
        return closeable;
    }

    @AfterEach
    void closeOpened() throws Exception {
        while (!opened.isEmpty()) {
            opened.pop().close();
        }
    }
}
