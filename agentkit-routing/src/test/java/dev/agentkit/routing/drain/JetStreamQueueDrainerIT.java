package dev.agentkit.routing.drain;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.nats.JetStreamBroker;
import dev.agentkit.nats.connect.NatsConnectionConfig;
import dev.agentkit.testing.nats.NatsServerFixture;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;

/**
 * Runs the drainer contract unchanged on a real nats-server: a fresh server per test, since the
 * workshop topology's stream names are fixed.
 */
class JetStreamQueueDrainerIT extends QueueDrainerContract {
    private final NatsServerFixture server = NatsServerFixture.start();
    private final JetStreamBroker broker = JetStreamBroker.connect(
            NatsConnectionConfig.builder().servers(server.url()).build());

    @AfterEach
    void stop() {
        broker.close();
        server.close();
    }

    @Override
    protected Broker broker() {
        return broker;
    }

    @Override
    protected void elapse(Duration d) {
        try {
            new CountDownLatch(1).await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    protected Duration fetchWait() {
        return Duration.ofSeconds(1);
    }
}
