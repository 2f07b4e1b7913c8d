package dev.agentkit.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.topology.Topology;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The workshop's Exercise 3.2 Part C on a real server: publish three items, pull one without
 * acking, kill the agent (its connection closes without a settle), start it again: the item is
 * redelivered after the ack wait, acked, and nothing is left pending.
 */
class RedeliveryAfterCrashIT extends RealNatsSupport {
    private final Topology topology = Topology.builder().ackWait(Duration.ofSeconds(2)).build();

    @Test
    void anItemPulledByAnAgentThatDiesIsRedeliveredToItsNextIncarnation() {
        JetStreamBroker first = JetStreamBroker.connect(config());
        first.provision(topology, Map.of("roy", "backend"));
        ConsumerRef work = ConsumerRef.of(topology.consumersFor("roy", "backend").work());
        for (int i = 1; i <= 3; i++) {
            first.publish(topology.requirementSubject("backend"), Envelope.ofJson(Map.of("id", "REQ-00" + i)));
        }
        List<Delivery> pulled = first.fetch(work, 1, Duration.ofSeconds(2));
        assertThat(pulled).hasSize(1);
        long lost = pulled.get(0).streamSequence();
        first.close(); // the agent dies: its connection goes, nothing was settled

        JetStreamBroker second = broker();
        TestAgent roy = new TestAgent(TestAgent.config("roy", "backend").build(), TestAgent.runtime(second, topology, id));
        assertThat(roy.runTurn().done()).as("the two never pulled").isEqualTo(2);
        RealTime.await("REQ-001 to be redelivered and done", Duration.ofSeconds(20), () -> {
            roy.runTurn();
            return roy.runs.containsKey("REQ-001");
        });
        assertThat(roy.runs).containsOnlyKeys("REQ-001", "REQ-002", "REQ-003").containsValues(1);
        assertThat(lost).isEqualTo(1);
        RealTime.await("nothing pending", Duration.ofSeconds(10), () -> !second.status(work).hasWork());
    }
}
