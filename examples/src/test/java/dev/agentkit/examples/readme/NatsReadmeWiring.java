package dev.agentkit.examples.readme;

import dev.agentkit.core.time.AgentClock;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.examples.readme.quickstart.Roy;
import dev.agentkit.nats.JetStreamBroker;
import dev.agentkit.nats.connect.NatsConnectionConfig;
import dev.agentkit.nats.deadletter.MaxDeliveriesWatcher;
import dev.agentkit.nats.kv.KvProcessedStore;
import dev.agentkit.nats.kv.KvStateStore;
import dev.agentkit.nats.kv.KvTurnLease;
import dev.agentkit.nats.kv.LeaseExpiry;
import dev.agentkit.testing.nats.ClusterNode;
import dev.agentkit.testing.nats.NatsCluster;
import io.nats.client.Connection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** agentkit-nats' README and CLUSTER.md snippets, compiled and checked by ReadmeSnippetsTest (they need servers, so they do not run here). */
final class NatsReadmeWiring {
    private NatsReadmeWiring() {
    }

    static void readmeUse() {
        NatsConnectionConfig config = NatsConnectionConfig.fromEnvironment();      // or the builder below
        try (JetStreamBroker broker = JetStreamBroker.connect(config)) {
            Topology topology = Topology.workshopDefault();
            broker.provision(topology, Map.of("roy", "backend", "jen", "frontend"));  // idempotent

            Connection nc = broker.connection();
            AgentRuntime runtime = AgentRuntime.builder(broker)
                    .topology(topology)
                    .processedStore(KvProcessedStore.open(nc))   // bucket agentkit_processed, marks kept 30 days
                    .stateStore(KvStateStore.open(nc))           // bucket agentkit_state
                    .lease(KvTurnLease.open(nc))                 // bucket agentkit_turn_leases
                    .build();

            MaxDeliveriesWatcher watcher = new MaxDeliveriesWatcher(broker, topology);
            watcher.provision();                                 // stream AGENTKIT_MAX_DELIVERIES
            watcher.drainEvery(runtime.clock(), Duration.ofMinutes(1));

            new Roy(runtime).runTurn();
        }
    }

    static NatsConnectionConfig readmeConfig(char[] password) {
        NatsConnectionConfig config = NatsConnectionConfig.builder()
                .servers("nats://nats-1:4222", "nats://nats-2:4222")      // tls://host:port turns TLS on
                .credsFile(Path.of("/etc/agentkit/agent.creds"))          // or userPassword / token / nkeySeed
                .truststore(Path.of("/etc/agentkit/ca.p12"), password)    // optional; keystore(..) for mutual TLS
                .maxReconnects(NatsConnectionConfig.RECONNECT_FOREVER)     // the default
                .reconnectWait(Duration.ofSeconds(2), Duration.ofMillis(500))
                .reconnectBufferBytes(8 * 1024 * 1024)
                .connectionName("roy")
                .build();
        return config;
    }

    static NatsConnectionConfig clusterConfig() {
        NatsConnectionConfig config = NatsConnectionConfig.fromEnvironment();    // reads the list above
        // or: NatsConnectionConfig.builder().servers("nats://n1:4222", "nats://n2:4222", "nats://n3:4222")
        return config;
    }

    static AgentRuntime clusterRuntime(JetStreamBroker broker, Map<String, String> team) {
        Topology topology = Topology.builder().replicas(3).build();   // every stream R3
        broker.provision(topology, team);

        Connection nc = broker.connection();
        AgentRuntime runtime = AgentRuntime.builder(broker).topology(topology)
                .processedStore(KvProcessedStore.open(nc, KvProcessedStore.DEFAULT_BUCKET,
                        KvProcessedStore.DEFAULT_TTL, AgentClock.system(), 3))
                .stateStore(KvStateStore.open(nc, KvStateStore.DEFAULT_BUCKET, 3))
                .lease(KvTurnLease.open(nc, KvTurnLease.DEFAULT_BUCKET, AgentClock.system(), LeaseExpiry.AUTO, 3))
                .build();
        return runtime;
    }

    static void clusterFixture() {
        try (NatsCluster cluster = NatsCluster.start(3)) {
            JetStreamBroker broker = JetStreamBroker.connect(
                    NatsConnectionConfig.builder().servers(cluster.urls()).build());
            broker.provision(Topology.builder().replicas(3).build(), Map.of("roy", "backend"));
            ClusterNode leader = cluster.streamLeader("REQUIREMENTS");   // or consumerLeader(stream, durable)
            cluster.kill(leader);                                        // SIGKILL
            broker.close();
            cluster.restart(leader);                                     // same ports, same store
            cluster.stopAll(); cluster.startAll();                       // the whole cluster
        }
    }
}
