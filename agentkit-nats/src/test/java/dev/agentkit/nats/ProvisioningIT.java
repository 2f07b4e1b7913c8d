package dev.agentkit.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.TopologyConflictException;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.topology.StreamSpec;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.testing.nats.JetStreamCleanup;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Provisioning the workshop topology on a real server: the six streams and each agent's
 * consumers are created once; running it again changes nothing; a changed limit is applied; a
 * stream that conflicts (other retention, subjects another stream owns) is a clear error naming
 * the stream and the field, and nothing is changed.
 */
class ProvisioningIT extends RealNatsSupport {
    private static final Map<String, String> TEAM = Map.of("roy", "backend", "jen", "frontend", "moss", "infra");

    @AfterEach
    void deleteStreams() {
        JetStreamCleanup.deleteAllStreams(connect());
    }

    @Test
    void provisioningTwiceCreatesTheTopologyOnceAndThenChangesNothing() throws Exception {
        JetStreamBroker broker = broker();
        Topology topology = Topology.workshopDefault();
        broker.provision(topology, TEAM);
        broker.publish(topology.requirementSubject("backend"), Envelope.ofJson(Map.of("id", "REQ-1")));
        Map<String, String> before = snapshot(broker.connection().jetStreamManagement());

        broker.provision(topology, TEAM);
        track(JetStreamBroker.connect(config())).provision(topology, TEAM);

        Map<String, String> after = snapshot(broker.connection().jetStreamManagement());
        assertThat(after).isEqualTo(before);
        assertThat(after.keySet()).contains("stream DEAD_LETTER", "consumer REQUIREMENTS/roy", "consumer DIRECT/jen",
                "consumer ARCHITECTURE/moss", "consumer INTEGRATION/moss");
        StreamInfo requirements = broker.connection().jetStreamManagement().getStreamInfo(Topology.REQUIREMENTS);
        assertThat(requirements.getStreamState().getMsgCount()).isEqualTo(1);
        StreamConfiguration c = requirements.getConfiguration();
        assertThat(c.getSubjects()).containsExactly("work.requirements.>");
        assertThat(c.getMaxMsgs()).isEqualTo(10_000);
        assertThat(c.getMaxAge()).isEqualTo(Duration.ofDays(7));
        ConsumerInfo roy = broker.connection().jetStreamManagement().getConsumerInfo(Topology.REQUIREMENTS, "roy");
        assertThat(roy.getConsumerConfiguration().getFilterSubjects())
                .containsExactly("work.requirements.backend", "work.requirements.backend.>");
        assertThat(roy.getConsumerConfiguration().getMaxDeliver()).isEqualTo(3);
    }

    @Test
    void aChangedLimitIsAppliedAndTheMessagesStay() throws Exception {
        JetStreamBroker broker = broker();
        broker.provision(Topology.workshopDefault(), TEAM);
        broker.publish("work.issues.build", Envelope.ofJson(Map.of("id", "BUG-1")));
        broker.provision(Topology.workshopDefault().toBuilder().maxMessages(20_000).build(), TEAM);
        StreamInfo issues = broker.connection().jetStreamManagement().getStreamInfo(Topology.ISSUES);
        assertThat(issues.getConfiguration().getMaxMsgs()).isEqualTo(20_000);
        assertThat(issues.getStreamState().getMsgCount()).isEqualTo(1);
    }

    @Test
    void anExistingStreamWithAnotherRetentionIsAConflictNamingStreamAndField() throws Exception {
        JetStreamManagement jsm = connect().jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name(Topology.ISSUES).subjects("work.issues.>")
                .retentionPolicy(RetentionPolicy.WorkQueue).build());
        JetStreamBroker broker = broker();
        assertThatThrownBy(() -> broker.provision(Topology.workshopDefault(), TEAM))
                .isInstanceOfSatisfying(TopologyConflictException.class, e -> {
                    assertThat(e.stream()).isEqualTo(Topology.ISSUES);
                    assertThat(e.field()).isEqualTo("retention");
                    assertThat(e.isTransient()).isFalse();
                })
                .hasMessageContaining("WORK_QUEUE").hasMessageContaining("LIMITS");
        assertThat(jsm.getStreamInfo(Topology.ISSUES).getConfiguration().getRetentionPolicy()).isEqualTo(RetentionPolicy.WorkQueue);
    }

    @Test
    void subjectsOwnedByAnotherStreamAreAConflictNamingBothStreams() throws Exception {
        JetStreamManagement jsm = connect().jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("LEGACY").subjects("work.>").build());
        JetStreamBroker broker = broker();
        assertThatThrownBy(() -> broker.ensureStream(StreamSpec.of(Topology.REQUIREMENTS, "work.requirements.>")))
                .isInstanceOfSatisfying(TopologyConflictException.class, e -> {
                    assertThat(e.stream()).isEqualTo(Topology.REQUIREMENTS);
                    assertThat(e.field()).isEqualTo("subjects");
                })
                .hasMessageContaining("LEGACY").hasMessageContaining("work.>");
        assertThat(jsm.getStreamNames()).containsExactly("LEGACY");
    }

    /** Every stream's and consumer's configuration and creation time, by name. */
    private static Map<String, String> snapshot(JetStreamManagement jsm) throws Exception {
        Map<String, String> out = new TreeMap<>();
        List<StreamInfo> streams = jsm.getStreams();
        for (StreamInfo s : streams) {
            String name = s.getConfiguration().getName();
            out.put("stream " + name, s.getConfiguration().toJson() + " created " + s.getCreateTime());
            for (ConsumerInfo c : jsm.getConsumers(name)) {
                out.put("consumer " + name + "/" + c.getName(), c.getConsumerConfiguration().toJson() + " created "
                        + c.getCreationTime());
            }
        }
        return out;
    }

    @Test
    void aStreamAskingMoreReplicasThanOneServerHasFailsNamingStreamCountAndClusterSize() {
        String name = unique("R3");
        assertThatThrownBy(() -> broker().ensureStream(StreamSpec.of(name, unique("r3") + ".>").withReplicas(3)))
                .isInstanceOf(BrokerException.class)
                .hasMessageContaining("stream " + name)
                .hasMessageContaining("3 replicas")
                .hasMessageContaining("cluster size is 1");
    }
}
