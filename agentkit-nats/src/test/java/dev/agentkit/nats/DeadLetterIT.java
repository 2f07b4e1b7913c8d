package dev.agentkit.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.message.Headers;
import dev.agentkit.core.topology.ConsumerSpec;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.nats.deadletter.MaxDeliveriesWatcher;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Both ways to {@code work.deadletter.<agent>} on a real server: the turn gives an item up
 * (rejected, or failing on its last delivery), and the agent dies on the last delivery so only
 * JetStream's max-deliveries advisory tells, which {@link MaxDeliveriesWatcher} turns into the
 * same dead letter.
 */
class DeadLetterIT extends RealNatsSupport {
    private final Topology topology = Topology.builder().ackWait(Duration.ofSeconds(1)).maxDeliver(2).build();

    @Test
    void aRejectedItemAndAnItemFailingOnItsLastDeliveryAreDeadLetteredByTheTurn() {
        JetStreamBroker broker = broker();
        broker.provision(topology, Map.of("roy", "backend"));
        TestAgent roy = new TestAgent(TestAgent.config("roy", "backend").build(), TestAgent.runtime(broker, topology, id));
        roy.work = (self, item) -> {
            if (item.id().equals("REQ-BAD")) {
                return Outcome.reject("not a backend task");
            }
            throw new IllegalStateException("compiler crashed");
        };
        broker.publish(topology.requirementSubject("backend"), Envelope.ofJson(Map.of("id", "REQ-BAD")));
        broker.publish(topology.requirementSubject("backend"), Envelope.ofJson(Map.of("id", "REQ-FAIL")).withHeader("X-Trace", "t-1"));

        assertThat(roy.runTurn().deadLettered()).isEqualTo(1);
        RealTime.await("REQ-FAIL to fail twice", Duration.ofSeconds(15), () -> {
            roy.runTurn();
            return roy.runs.getOrDefault("REQ-FAIL", 0) == 2;
        });

        List<Delivery> letters = deadLetters(broker, topology, "roy", 2);
        Map<String, String> rejected = letters.get(0).envelope().headers();
        assertThat(rejected).containsEntry(Headers.DEAD_REASON, "not a backend task")
                .containsEntry(Headers.ORIGINAL_SUBJECT, "work.requirements.backend")
                .containsEntry(Headers.DELIVERY_COUNT, "1")
                .containsEntry(Headers.DEAD_AGENT, "roy");
        Envelope failed = letters.get(1).envelope();
        assertThat(failed.json().path("id").asText()).isEqualTo("REQ-FAIL");
        assertThat(failed.headers()).containsEntry(Headers.DELIVERY_COUNT, "2").containsEntry("X-Trace", "t-1")
                .containsEntry(Headers.ORIGINAL_STREAM, Topology.REQUIREMENTS);
        assertThat(failed.header(Headers.DEAD_REASON).orElseThrow()).contains("out of deliveries", "compiler crashed");
    }

    @Test
    void anItemWhoseAgentDiedOnItsLastDeliveryIsDeadLetteredFromTheAdvisory() {
        JetStreamBroker broker = broker();
        broker.provision(topology, Map.of("jen", "frontend"));
        MaxDeliveriesWatcher watcher = new MaxDeliveriesWatcher(broker, topology);
        watcher.provision();
        watcher.provision();
        ConsumerRef work = ConsumerRef.of(topology.consumersFor("jen", "frontend").work());
        long seq = broker.publish(topology.requirementSubject("frontend"),
                Envelope.ofJson(Map.of("title", "login page")).withMessageId("REQ-020")).sequence();

        JetStreamBroker dying = JetStreamBroker.connect(config());
        assertThat(dying.fetch(work, 1, Duration.ofSeconds(2))).hasSize(1);
        assertThat(dying.fetch(work, 1, Duration.ofSeconds(3))).singleElement()
                .satisfies(d -> assertThat(d.deliveryCount()).isEqualTo(2));
        dying.close(); // died on the last delivery: no ack, no nak, no term

        RealTime.await("the advisory to be dead-lettered", Duration.ofSeconds(20), () -> {
            broker.fetch(work, 1, Duration.ZERO); // a turn's fetch lets the server notice the exhausted delivery
            return watcher.drain() == 1;
        });
        assertThat(watcher.drain()).isZero();

        Envelope letter = deadLetters(broker, topology, "jen", 1).get(0).envelope();
        assertThat(letter.json().path("title").asText()).isEqualTo("login page");
        assertThat(letter.headers())
                .containsEntry(Headers.DEAD_REASON, MaxDeliveriesWatcher.REASON)
                .containsEntry(Headers.DEAD_AGENT, "jen")
                .containsEntry(Headers.ORIGINAL_SUBJECT, "work.requirements.frontend")
                .containsEntry(Headers.ORIGINAL_STREAM, Topology.REQUIREMENTS)
                .containsEntry(Headers.ORIGINAL_SEQUENCE, Long.toString(seq))
                .containsEntry(Headers.DELIVERY_COUNT, "2")
                .containsEntry(Headers.ORIGINAL_ID, "REQ-020")
                .containsEntry(Headers.MESSAGE_ID, "dead:REQUIREMENTS:" + seq + ":jen");
        assertThat(broker.publish(topology.deadLetterSubject("jen"), letter).duplicate())
                .as("the turn's own dead letter of the item would be stored once").isTrue();
    }
}
