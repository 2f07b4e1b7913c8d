package dev.agentkit.nats.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.topology.ConsumerSpec;
import dev.agentkit.core.topology.StreamSpec;
import dev.agentkit.nats.JetStreamBroker;
import dev.agentkit.testing.nats.NatsServerFixture;
import io.nats.client.Connection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code .creds} files against a real nats-server in operator mode, with an operator, its
 * accounts and users made by the test ({@link TestOperator}).
 */
class NatsConnectionCredsIT {
    @TempDir
    static Path dir;
    private static TestOperator operator;
    private static NatsServerFixture server;

    @BeforeAll
    static void start() throws Exception {
        operator = TestOperator.create();
        server = NatsServerFixture.startWith(operator.serverConfig().toArray(String[]::new));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aCredsFileConnectsToAnAccountWithJetStream() throws Exception {
        Path creds = operator.writeUserCreds(dir.resolve("roy.creds"), "roy");
        NatsConnectionConfig config = NatsConnectionConfig.builder().servers(server.url()).credsFile(creds).build();
        try (JetStreamBroker broker = JetStreamBroker.connect(config)) {
            broker.ensureStream(StreamSpec.of("CREDS", "creds.>"));
            broker.ensureConsumer(ConsumerSpec.of("CREDS", "roy"));
            Envelope sent = Envelope.ofJson(Map.of("n", 1));
            broker.publish("creds.work", sent);
            List<Delivery> got = broker.fetch(new ConsumerRef("CREDS", "roy"), 1, Duration.ofSeconds(2));
            assertThat(got).singleElement().satisfies(d -> assertThat(d.envelope()).isEqualTo(sent));
            got.get(0).ack();
        }
    }

    @Test
    void theEnvironmentNamesTheCredsFile() throws Exception {
        Path creds = operator.writeUserCreds(dir.resolve("jen.creds"), "jen");
        NatsConnectionConfig config = NatsConnectionConfig.fromEnvironment(
                Map.of("NATS_URL", server.url(), "NATS_CREDS", creds.toString()));
        try (Connection nc = config.connect()) {
            assertThat(nc.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        }
    }

    @Test
    void aUserOfAnUnknownAccountIsRefusedPermanentlyWithoutShowingTheFile() throws Exception {
        Path creds = TestOperator.writeStrangerCreds(dir.resolve("stranger.creds"));
        String seed = Files.readAllLines(creds).stream().filter(l -> l.startsWith("SU")).findFirst().orElseThrow();
        String jwt = Files.readAllLines(creds).get(1);
        NatsConnectionConfig config = NatsConnectionConfig.builder().servers(server.url()).credsFile(creds)
                .maxReconnects(0).connectionTimeout(Duration.ofSeconds(1)).build(); // jnats reports the refusal at the timeout
        assertThatThrownBy(config::connect).isInstanceOfSatisfying(BrokerException.class,
                        e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("CREDS_FILE").hasMessageNotContaining(seed).hasMessageNotContaining(jwt);
    }
}
