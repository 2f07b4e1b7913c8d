package dev.agentkit.nats;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.topology.StreamSpec;
import dev.agentkit.nats.connect.NatsConnectionConfig;
import dev.agentkit.testing.nats.NatsCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the broker contract, unchanged, against {@link JetStreamBroker} on a real 3-node
 * JetStream cluster, with every stream the contract ensures replicated three times; and a stream
 * asking more replicas than the cluster has fails with a message that says so.
 */
class JetStreamBrokerClusterIT extends RealTimeBrokerContract {
    private static NatsCluster cluster;
    private static JetStreamBroker broker;

    @BeforeAll
    static void startCluster() {
        cluster = NatsCluster.start(3);
        broker = JetStreamBroker.connect(NatsConnectionConfig.builder().servers(cluster.urls()).build());
    }

    @AfterAll
    static void stopCluster() {
        if (broker != null) {
            broker.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aStreamAskingMoreReplicasThanTheClusterHasFailsNamingStreamCountAndClusterSize() {
        String stream = name("R5");
        assertThatThrownBy(() -> broker.ensureStream(StreamSpec.of(stream, subjectPattern()).withReplicas(5)))
                .isInstanceOf(BrokerException.class)
                .hasMessageContaining("stream " + stream)
                .hasMessageContaining("5 replicas")
                .hasMessageContaining("cluster size is 3");
    }

    @Override
    protected Broker broker() {
        return broker;
    }

    @Override
    protected StreamSpec adapt(StreamSpec spec) {
        return spec.withReplicas(3);
    }
}
