package dev.agentkit.testing.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.store.InMemoryProcessedStore;
import dev.agentkit.core.store.ProcessedStore;
import dev.agentkit.core.topology.ConsumerSpec;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.StopReason;
import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.testing.AgentTestKit;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A broker failing transiently during a turn (a failover on a cluster, a lost server): fetches are
 * retried within the turn's bound, and an item the broker failed for is left to be redelivered,
 * never counted as its own failure nor dead-lettered.
 */
class TurnFailoverTest {
    private final AgentTestKit kit = AgentTestKit.create();
    private final FlakyBroker broker = new FlakyBroker(kit.broker());
    private final ConsumerSpec work = kit.topology().consumersFor("roy", "backend").work();
    private final FlakyStore processed = new FlakyStore();

    @AfterEach
    void close() {
        kit.close();
    }

    private ScriptedAgent roy(Duration brokerRetry) {
        kit.provision("roy", "backend");
        AgentRuntime runtime = AgentRuntime.builder(broker).clock(kit.clock()).topology(kit.topology())
                .processedStore(processed).stateStore(kit.stateStore()).team(kit.team()).control(kit.control())
                .build();
        return new ScriptedAgent(AgentConfig.builder("roy").role("backend").brokerRetry(brokerRetry).build(), runtime);
    }

    @Test
    void transientFetchFailuresAreRetriedWithinTheTurnAndTheWorkIsDone() {
        ScriptedAgent roy = roy(Duration.ofSeconds(10));
        kit.publishWork("backend", Map.of("id", "REQ-1"));
        broker.failFetches(ConsumerRef.of(work), 3);

        Instant start = kit.clock().now();

        TurnReport report = roy.runTurn();

        assertThat(report.done()).isEqualTo(1);
        assertThat(report.failed()).isZero();
        assertThat(report.stopReason()).isEqualTo(StopReason.QUEUE_EMPTY);
        assertThat(broker.fetchWaits.subList(0, 4)).as("the first fetch does not wait; each retry, after a"
                + " 100 ms pause, lets the broker wait up to a second")
                .containsExactly(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThat(broker.fetchWaits.subList(4, broker.fetchWaits.size())).as("fetches after the recovery do not wait")
                .containsOnly(Duration.ZERO);
        assertThat(Duration.between(start, kit.clock().now())).as("three pauses of virtual time")
                .isEqualTo(Duration.ofMillis(300));
        assertThat(kit.acked("REQ-1")).isTrue();
    }

    @Test
    void aFailureThatOutlastsTheBoundEndsTheTurnWithABrokerFailureAndNothingFetched() {
        ScriptedAgent roy = roy(Duration.ofMillis(300));
        kit.publishWork("backend", Map.of("id", "REQ-1"));
        broker.failFetches(ConsumerRef.of(work), Integer.MAX_VALUE);

        Instant start = kit.clock().now();

        TurnReport report = roy.runTurn();

        assertThat(report.stopReason()).isEqualTo(StopReason.BROKER_FAILURE);
        assertThat(report.pulled()).isZero();
        assertThat(broker.fetchWaits).as("retried every 100 ms, each retry waiting at most what is left of the 300 ms")
                .containsExactly(Duration.ZERO, Duration.ofMillis(200), Duration.ofMillis(100), Duration.ZERO);
        assertThat(Duration.between(start, kit.clock().now())).as("the bound, on virtual time")
                .isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aPermanentFetchFailureIsNotRetried() {
        ScriptedAgent roy = roy(Duration.ofSeconds(10));
        broker.failFetches(ConsumerRef.of(work), 1).permanently();

        assertThat(roy.runTurn().stopReason()).isEqualTo(StopReason.BROKER_FAILURE);
        assertThat(broker.fetchWaits).hasSize(1);
    }

    @Test
    void aZeroBoundGivesUpAtTheFirstFailure() {
        ScriptedAgent roy = roy(Duration.ZERO);
        broker.failFetches(ConsumerRef.of(work), 1);

        assertThat(roy.runTurn().stopReason()).isEqualTo(StopReason.BROKER_FAILURE);
        assertThat(broker.fetchWaits).hasSize(1);
    }

    @Test
    void anItemWhoseProcessedMarkFailsTransientlyIsAckedAnywayNotFailedAndAppliedOnce() {
        ScriptedAgent roy = roy(Duration.ofSeconds(10));
        kit.publishWork("backend", Map.of("id", "REQ-1"));
        processed.failMarks = 1;

        TurnReport first = roy.runTurn();

        assertThat(first.done()).as("done and announced: acked even without its mark").isEqualTo(1);
        assertThat(first.failed()).as("the store's failure, not the item's").isZero();
        assertThat(kit.acked("REQ-1")).isTrue();
        assertThat(kit.nakCount("REQ-1")).isZero();

        kit.advance(work.ackWait());
        roy.runTurn();
        assertThat(roy.worked).hasSize(1);
        assertThat(kit.deadLetters("roy")).isEmpty();
    }

    @Test
    void aTransientBrokerFailureInTheWorkOnTheLastDeliveryIsNotDeadLettered() {
        ScriptedAgent roy = roy(Duration.ofSeconds(10));
        roy.work = (self, item) -> {
            throw new BrokerException("state store: no leader (a test failover)", true);
        };
        kit.publishWork("backend", Map.of("id", "REQ-1"));

        for (int delivery = 1; delivery <= work.maxDeliver(); delivery++) {
            TurnReport report = roy.runTurn();
            assertThat(report.failed()).isZero();
            assertThat(report.deadLettered()).isZero();
            kit.advance(work.ackWait());
        }

        assertThat(roy.worked).extracting(i -> i.deliveryCount()).containsExactly(1, 2, 3);
        assertThat(kit.deadLetters("roy")).as("a failover is not the item's fault").isEmpty();
        assertThat(kit.published("work.requirements.backend")).as("on its last delivery it is requeued, not lost")
                .extracting(e -> e.id().orElse("")).containsExactly("REQ-1", "REQ-1:requeue:1");
        assertThat(kit.acked("REQ-1")).isTrue();
    }

    @Test
    void anItemRequeuedOnItsLastDeliveryStaysTheSameItem() {
        ScriptedAgent roy = roy(Duration.ofSeconds(10));
        java.util.List<String> seen = new java.util.ArrayList<>();
        roy.work = (self, item) -> {
            seen.add(item.id());
            if (seen.size() <= work.maxDeliver()) {   // every delivery of the original meets a failover
                throw new BrokerException("a test failover", true);
            }
            self.announceFromWork("api_ready", Map.of("requirement", item.id()));
            return Outcome.done();
        };
        kit.publishWork("backend", Map.of("id", "REQ-1"));

        for (int turn = 0; turn <= work.maxDeliver(); turn++) {
            roy.runTurn();
            kit.advance(work.ackWait());
        }

        assertThat(seen).as("the requeued copy is the same item to processWork").containsOnly("REQ-1").hasSize(4);
        assertThat(processed.isProcessed("roy.REQ-1")).as("its mark under the item's own id").isTrue();
        assertThat(kit.published("work.integration.api_ready")).singleElement()
                .satisfies(e -> assertThat(e.id()).hasValueSatisfying(id -> assertThat(id).startsWith("roy:REQ-1:")));
    }

    /** A processed store whose next marks fail as a KV store does while its leader is elected. */
    private static final class FlakyStore implements ProcessedStore {
        private final InMemoryProcessedStore marks = new InMemoryProcessedStore();
        int failMarks;

        @Override
        public boolean isProcessed(String key) {
            return marks.isProcessed(key);
        }

        @Override
        public void markProcessed(String key) {
            if (failMarks > 0) {
                failMarks--;
                throw new BrokerException("mark " + key + ": 503 No Responders (a test failover)", true);
            }
            marks.markProcessed(key);
        }
    }
}
