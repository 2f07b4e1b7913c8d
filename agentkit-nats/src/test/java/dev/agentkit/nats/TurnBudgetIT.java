package dev.agentkit.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.ConsumerStatus;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.StopReason;
import dev.agentkit.core.turn.TurnBudget;
import dev.agentkit.core.turn.TurnReport;
import io.nats.client.JetStreamApiException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The item budget of the in-memory {@code BudgetTest} on a real server: with three items a turn
 * and ten pending, each turn pulls only what it processes, so no delivery is burnt (with a 1 s
 * ack wait, anything fetched and left would come back with a second delivery) and nothing reaches
 * the dead letters; four turns do all ten.
 */
class TurnBudgetIT extends RealNatsSupport {
    private final Topology topology = Topology.builder().ackWait(Duration.ofSeconds(1)).build();

    @Test
    void aThreeItemBudgetTakesTenItemsInFourTurnsWithoutDeadLetters() throws IOException, JetStreamApiException {
        JetStreamBroker broker = broker();
        broker.provision(topology, Map.of("roy", "backend"));
        ConsumerRef work = ConsumerRef.of(topology.consumersFor("roy", "backend").work());
        TestAgent roy = new TestAgent(TestAgent.config("roy", "backend").budget(TurnBudget.items(3)).build(),
                TestAgent.runtime(broker, topology, id));
        List<Integer> deliveryCounts = new CopyOnWriteArrayList<>();
        roy.work = (self, item) -> {
            deliveryCounts.add(item.deliveryCount());
            return Outcome.done();
        };
        for (int i = 1; i <= 10; i++) {
            broker.publish(topology.requirementSubject("backend"), Envelope.ofJson(Map.of("id", "REQ-" + i)));
        }

        List<TurnReport> turns = new ArrayList<>();
        for (int t = 1; t <= 4; t++) {
            turns.add(roy.runTurn());
            assertThat(broker.status(work).ackPending()).as("nothing fetched and left unprocessed").isZero();
        }

        assertThat(turns).extracting(TurnReport::done).containsExactly(3, 3, 3, 1);
        assertThat(turns).extracting(TurnReport::stopReason).containsExactly(StopReason.MAX_ITEMS, StopReason.MAX_ITEMS,
                StopReason.MAX_ITEMS, StopReason.QUEUE_EMPTY);
        assertThat(deliveryCounts).hasSize(10).containsOnly(1);
        assertThat(roy.runs).hasSize(10);
        assertThat(broker.status(work)).isEqualTo(new ConsumerStatus(0, 0));
        assertThat(broker.connection().jetStreamManagement().getStreamInfo(Topology.DEAD_LETTER).getStreamState()
                .getMsgCount()).as("dead letters").isZero();
    }
}
