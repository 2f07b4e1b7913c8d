package dev.agentkit.examples.readme;

import dev.agentkit.core.topology.Topology;
import dev.agentkit.nats.JetStreamBroker;
import dev.agentkit.nats.connect.NatsConnectionConfig;
import dev.agentkit.testing.containers.NatsContainer;
import java.util.Map;

/** agentkit-testing-servers' README, the container fixture: compiled and checked by ReadmeSnippetsTest (NatsContainerIT runs it). */
final class ServersReadmeWiring {
    private ServersReadmeWiring() {
    }

    static void container() {
        try (NatsContainer nats = NatsContainer.create()) {
            nats.start();
            JetStreamBroker broker = JetStreamBroker.connect(NatsConnectionConfig.builder().servers(nats.url()).build());
            broker.provision(Topology.workshopDefault(), Map.of("roy", "backend"));
            broker.close();
        }
    }
}
