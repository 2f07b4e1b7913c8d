package dev.agentkit.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.topology.Topology;
import dev.agentkit.nats.JetStreamBroker;
import dev.agentkit.nats.connect.NatsConnectionConfig;
import dev.agentkit.testing.nats.NatsServerExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** agentkit-nats' README, "Testing against a real nats-server", run as it stands (checked by ReadmeSnippetsTest). */
class MyAgentIT {
    @RegisterExtension
    static final NatsServerExtension NATS = new NatsServerExtension();   // one server per class

    @Test
    void works() {
        try (JetStreamBroker broker = JetStreamBroker.connect(
                NatsConnectionConfig.builder().servers(NATS.fixture().url()).build())) {
            broker.provision(Topology.workshopDefault(), Map.of("roy", "backend"));
            assertThat(broker.connection().getServerInfo().isJetStreamAvailable()).isTrue();
        }
    }
}
// or by hand: try (NatsServerFixture nats = NatsServerFixture.start()) { ... nats.restart(); ... }
// with server config: NatsServerFixture.startWith("authorization { token: \"t0ken\" }")
//   (also TLS: startWith("tls { cert_file: ..., key_file: ..., handshake_first: true }"))
