package dev.agentkit.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.broker.Pulls;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.topology.ConsumerSpec;
import dev.agentkit.core.topology.StreamSpec;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.TurnBudget;
import dev.agentkit.core.turn.TurnReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 21 on a real server: the turn pulls its next batch while it works on the last, and gets
 * each batch's items as they come off the wire. Nothing asked ahead is lost or waits out an ack
 * wait (30 s): what the turn does not take goes back at once, and slow work on the first item of
 * a pull does not cut the rest of that pull off.
 */
class PullsAheadIT extends RealNatsSupport {

    @Test
    void theNextFetchTakesThePullSentAheadAndCloseHandsOverWhatNobodyTook() {
        JetStreamBroker broker = broker();
        ConsumerRef c = provision(broker, "A");
        publish(broker, unique("a") + ".x", 25);

        List<Long> seen = new ArrayList<>();
        List<Delivery> unseen = new ArrayList<>();
        Pulls pulls = broker.pulls(c);
        int first = pulls.fetch(10, Duration.ZERO, 10, got -> got.forEach(d -> {
            seen.add(d.streamSequence());
            d.ack();
        }));
        int second = pulls.fetch(10, Duration.ZERO, 10, got -> got.forEach(d -> {
            seen.add(d.streamSequence());
            d.ack();
        }));
        pulls.close(unseen::addAll);

        assertThat(first).isEqualTo(10);
        assertThat(second).as("the answer of the pull sent ahead").isEqualTo(10);
        assertThat(seen).containsExactlyElementsOf(sequences(1, 20));
        assertThat(unseen).extracting(Delivery::streamSequence).as("the second pull sent ahead, never fetched")
                .containsExactlyElementsOf(sequences(21, 25));
        unseen.forEach(d -> d.nak(Duration.ZERO));
        // the server applies the naks one by one: a fetch may come in between them (seen on CI)
        List<Delivery> again = new ArrayList<>();
        RealTime.await("the naked items back, well inside the 30 s ack wait", Duration.ofSeconds(5),
                () -> again.addAll(broker.fetch(c, 10, Duration.ofMillis(500))) && again.size() >= 5);
        assertThat(again).extracting(Delivery::streamSequence).containsExactlyElementsOf(sequences(21, 25));
        assertThat(again).allSatisfy(d -> assertThat(d.deliveryCount()).isEqualTo(2));
    }

    @Test
    void aTurnThatStopsHandsBackTheBatchItAskedForAheadAtOnce() {
        Topology topology = Topology.workshopDefault();
        JetStreamBroker broker = broker();
        broker.provision(topology, Map.of("roy", "backend"));
        AgentRuntime runtime = TestAgent.runtime(broker, topology, id);
        TestAgent roy = new TestAgent(TestAgent.config("roy", "backend").budget(TurnBudget.items(1_000))
                .fetchBatch(5).build(), runtime);
        for (int i = 1; i <= 12; i++) {
            broker.publish(topology.requirementSubject("backend"), Envelope.ofJson(Map.of("id", "REQ-" + i)));
        }
        roy.work = (self, item) -> {
            if (item.id().equals("REQ-3")) {
                throw new StackOverflowError("a VM error ends the turn");
            }
            return Outcome.done();
        };

        TurnReport stopped = runTurnCatchingVmError(roy);
        roy.work = (self, item) -> Outcome.done();
        TurnReport next = roy.runTurn();

        assertThat(stopped).as("the turn that stopped rethrew the VM error").isNull();
        // REQ-4 and 5 (the rest of the batch), REQ-6..10 (the batch asked for ahead), REQ-11 and 12;
        // REQ-3 comes back after the failure delay
        assertThat(next.pulled()).as("handed back at once, not after the 30 s ack wait").isGreaterThanOrEqualTo(9);
        RealTime.await("every item done", Duration.ofSeconds(10), () -> {
            roy.runTurn();
            return roy.runs.size() == 12 && roy.runs.get("REQ-3") == 2;
        });
        assertThat(roy.runs).containsEntry("REQ-1", 1).containsEntry("REQ-3", 2).containsEntry("REQ-6", 1)
                .containsEntry("REQ-12", 1);
        assertThat(roy.runs.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(13);
        RealTime.await("nothing left unacked", Duration.ofSeconds(5), () -> {
            var status = broker.status(ConsumerRef.of(topology.consumersFor("roy", "backend").work()));
            return status.pending() == 0 && status.ackPending() == 0;
        });
    }

    @Test
    void slowWorkOnTheFirstItemsOfAPullDoesNotCutTheRestOfThePullOff() throws InterruptedException {
        JetStreamBroker broker = broker();
        ConsumerRef c = provision(broker, "S");
        publish(broker, unique("s") + ".x", 6);
        CountDownLatch never = new CountDownLatch(1);
        List<Long> seen = new ArrayList<>();

        // slow work: two seconds on each of the first two deliveries, longer than the pull's answer bound
        int got = broker.pulls(c).fetch(6, Duration.ZERO, 0, chunk -> chunk.forEach(d -> {
            if (seen.size() < 2) {
                try {
                    never.await(2, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            seen.add(d.streamSequence());
            d.ack();
        }));

        assertThat(got).isEqualTo(6);
        assertThat(seen).containsExactlyElementsOf(sequences(1, 6));
    }

    private TurnReport runTurnCatchingVmError(TestAgent agent) {
        try {
            return agent.runTurn();
        } catch (StackOverflowError expected) {
            return null;
        }
    }

    private ConsumerRef provision(JetStreamBroker broker, String name) {
        broker.ensureStream(StreamSpec.of(unique(name), unique(name.toLowerCase()) + ".>"));
        broker.ensureConsumer(ConsumerSpec.of(unique(name), "c"));
        return new ConsumerRef(unique(name), "c");
    }

    private static void publish(JetStreamBroker broker, String subject, int n) {
        for (int i = 1; i <= n; i++) {
            broker.publish(subject, Envelope.ofJson(Map.of("n", i)));
        }
    }

    private static List<Long> sequences(long from, long to) {
        List<Long> s = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            s.add(i);
        }
        return s;
    }
}
