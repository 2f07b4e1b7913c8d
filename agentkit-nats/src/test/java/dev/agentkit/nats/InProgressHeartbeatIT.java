package dev.agentkit.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.core.turn.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Long work is not redelivered mid-work: while {@code processWork} runs for more than twice the
 * ack wait, the turn's in-progress acks keep the item away from a second instance of the agent
 * that keeps fetching on the same durable.
 */
class InProgressHeartbeatIT extends RealNatsSupport {
    private final Topology topology = Topology.builder().ackWait(Duration.ofSeconds(2)).build();

    @Test
    void workLongerThanTheAckWaitIsNotRedeliveredToASecondInstance() {
        JetStreamBroker broker = broker();
        broker.provision(topology, Map.of("moss", "infra"));
        ConsumerRef work = ConsumerRef.of(topology.consumersFor("moss", "infra").work());
        JetStreamBroker secondInstance = broker();
        List<Delivery> stolen = new ArrayList<>();
        TestAgent moss = new TestAgent(TestAgent.config("moss", "infra").build(), TestAgent.runtime(broker, topology, id));
        moss.work = (self, item) -> {
            long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < end) {
                stolen.addAll(secondInstance.fetch(work, 1, Duration.ofSeconds(1)));
            }
            return Outcome.done();
        };
        broker.publish(topology.requirementSubject("infra"), Envelope.ofJson(Map.of("id", "REQ-LONG")));

        assertThat(moss.runTurn().done()).isEqualTo(1);

        assertThat(stolen).as("deliveries the second instance got while the work ran").isEmpty();
        assertThat(moss.runs).containsEntry("REQ-LONG", 1);
        RealTime.await("the ack to land: nothing pending", Duration.ofSeconds(10), () -> !broker.status(work).hasWork());
    }
}
