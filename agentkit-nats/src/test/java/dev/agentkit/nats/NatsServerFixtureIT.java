package dev.agentkit.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.topology.ConsumerSpec;
import dev.agentkit.core.topology.StreamSpec;
import dev.agentkit.nats.connect.NatsConnectionConfig;
import dev.agentkit.testing.nats.NatsServerFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real-server fixture: loopback, its own store, a restart on the same port keeps JetStream's data. */
class NatsServerFixtureIT {

    @Test
    void aRestartedServerKeepsItsPortAndItsStreams() {
        try (NatsServerFixture nats = NatsServerFixture.start()) {
            nats.requireRestartable();
            assertThat(nats.url()).isEqualTo("nats://127.0.0.1:" + nats.port());
            assertThat(nats.isRunning()).isTrue();
            String url = nats.url();
            try (JetStreamBroker broker = JetStreamBroker.connect(
                    NatsConnectionConfig.builder().servers(url).build())) {
                broker.ensureStream(StreamSpec.of("KEEP", "keep.>"));
                broker.ensureConsumer(ConsumerSpec.of("KEEP", "reader"));
                broker.publish("keep.it", Envelope.ofJson(Map.of("n", 1)));
            }
            nats.restart();
            assertThat(nats.url()).isEqualTo(url);
            try (JetStreamBroker broker = JetStreamBroker.connect(
                    NatsConnectionConfig.builder().servers(url).build())) {
                assertThat(broker.fetch(new ConsumerRef("KEEP", "reader"), 10, Duration.ofSeconds(2))).hasSize(1);
            }
        }
    }

    @Test
    void aServerThatExitsDuringStartUpFailsTheStartAtOnce() {
        // the configuration parses, then JetStream cannot create its store and the server exits
        assertThatThrownBy(() -> NatsServerFixture.startWith("jetstream { store_dir: \"/proc/agentkit-nope\" }"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("exited during start-up");
    }

    @Test
    void closingStopsTheServerAndDeletesItsStore() {
        Path store;
        NatsServerFixture nats = NatsServerFixture.start();
        nats.requireRestartable();
        store = nats.storeDir();
        assertThat(store).isDirectory();
        nats.close();
        assertThat(nats.isRunning()).isFalse();
        assertThat(Files.exists(store)).isFalse();
    }
}
