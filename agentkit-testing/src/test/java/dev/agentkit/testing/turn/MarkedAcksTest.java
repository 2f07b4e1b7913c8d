package dev.agentkit.testing.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.store.InMemoryProcessedStore;
import dev.agentkit.core.store.ProcessedStore;
import dev.agentkit.core.store.StoreException;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.StopReason;
import dev.agentkit.core.turn.TurnBudget;
import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.testing.AgentTestKit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: a store whose marks are written asynchronously (as the KV store's are) lets the turn
 * go on with the next items, but a done item is acked only once its mark is kept, so its
 * redelivery is always skipped; the items that arrived together are read from the store at once,
 * and a second copy among them is still skipped.
 */
class MarkedAcksTest {
    private final AgentTestKit kit = AgentTestKit.create();
    private final ExecutorService writer = Executors.newSingleThreadExecutor();
    private final AsyncMarks processed = new AsyncMarks();

    @AfterEach
    void close() {
        writer.shutdownNow();
        kit.close();
    }

    /** Marks kept by a thread of their own, which notes whether the item was acked before its mark was kept. */
    private final class AsyncMarks implements ProcessedStore {
        private final InMemoryProcessedStore marks = new InMemoryProcessedStore();
        final List<String> ackedBeforeKept = new CopyOnWriteArrayList<>();
        final List<String> kept = new CopyOnWriteArrayList<>();
        final AtomicInteger batchReads = new AtomicInteger();
        volatile boolean failMarks;
        volatile boolean brokerAway;

        @Override
        public boolean isProcessed(String key) {
            if (brokerAway) {
                throw new BrokerException("read " + key + ": the KV bucket's server is away", true);
            }
            return marks.isProcessed(key);
        }

        @Override
        public void markProcessed(String key) {
            marks.markProcessed(key);
        }

        @Override
        public Set<String> processedAmong(Collection<String> keys) {
            batchReads.incrementAndGet();
            if (brokerAway) {
                throw new BrokerException("read " + keys.size() + " keys: the KV bucket's server is away", true);
            }
            return marks.processedAmong(keys);
        }

        @Override
        public CompletableFuture<Void> markProcessedAsync(String key) {
            return CompletableFuture.runAsync(() -> {
                String id = key.substring("roy.".length());
                if (kit.acked(id)) {
                    ackedBeforeKept.add(id);
                }
                if (failMarks) {
                    throw new StoreException("the KV bucket is away", true, null);
                }
                markProcessed(key);
                kept.add(id);
            }, writer);
        }
    }

    private ScriptedAgent roy() {
        kit.provision("roy", "backend");
        AgentRuntime runtime = AgentRuntime.builder(kit.broker()).clock(kit.clock()).topology(kit.topology())
                .processedStore(processed).stateStore(kit.stateStore()).team(kit.team()).build();
        return new ScriptedAgent(AgentConfig.builder("roy").role("backend").budget(TurnBudget.items(100))
                .fetchBatch(10).build(), runtime);
    }

    @Test
    void aDoneItemIsAckedOnlyAfterItsMarkIsKeptAndTheBatchIsReadAtOnce() {
        ScriptedAgent roy = roy();
        for (int i = 1; i <= 5; i++) {
            kit.publishWork("backend", Map.of("id", "REQ-" + i));
        }

        TurnReport report = roy.runTurn();

        assertThat(report.done()).isEqualTo(5);
        assertThat(processed.kept).containsExactlyInAnyOrder("REQ-1", "REQ-2", "REQ-3", "REQ-4", "REQ-5");
        assertThat(processed.ackedBeforeKept).as("items acked before their mark was kept").isEmpty();
        assertThat(List.of("REQ-1", "REQ-2", "REQ-3", "REQ-4", "REQ-5")).allMatch(kit::acked);
        assertThat(processed.batchReads).as("one read of the store for the five that arrived together").hasValue(1);
    }

    @Test
    void anItemWhoseMarkFailedIsAckedAnywayAfterTheFailureIsKnownForItsAnnouncementsAreOut() {
        ScriptedAgent roy = roy();
        processed.failMarks = true;
        kit.publishWork("backend", Map.of("id", "REQ-1"));
        kit.publishWork("backend", Map.of("id", "REQ-2"));

        TurnReport report = roy.runTurn();

        assertThat(report.done()).isEqualTo(2);
        assertThat(processed.ackedBeforeKept).isEmpty();
        assertThat(kit.acked("REQ-1")).isTrue();
        assertThat(kit.acked("REQ-2")).isTrue();
    }

    @Test
    void aSecondCopyAmongTheItemsThatArrivedTogetherIsSkippedThoughItsMarkWasNotKeptYet() {
        ScriptedAgent roy = roy();
        // two stored copies of one item (no message id, so the stream keeps both)
        String subject = kit.topology().requirementSubject("backend");
        kit.broker().publish(subject, Envelope.ofJson(Map.of("requirement", "REQ-1", "id", "REQ-1")));
        kit.broker().publish(subject, Envelope.ofJson(Map.of("requirement", "REQ-1", "id", "REQ-1")));

        TurnReport report = roy.runTurn();

        assertThat(roy.worked).hasSize(1);
        assertThat(report.duplicates()).isEqualTo(1);
        assertThat(report.done()).isEqualTo(1);
    }

    @Test
    void aStoreOnTheBrokerThatCannotBeReadStopsTheTurnAsALostBrokerAndTheRestGoesBack() {
        ScriptedAgent roy = roy();
        for (int i = 1; i <= 3; i++) {
            kit.publishWork("backend", Map.of("id", "REQ-" + i));
        }
        processed.brokerAway = true;

        TurnReport report = roy.runTurn();

        assertThat(roy.worked).as("nothing run blind").isEmpty();
        assertThat(report.stopReason()).isEqualTo(StopReason.BROKER_FAILURE);
        assertThat(kit.acked("REQ-1")).isFalse();
        assertThat(kit.nakCount("REQ-2")).as("handed back at once, as after one failed read").isEqualTo(1);
        assertThat(kit.nakCount("REQ-3")).isEqualTo(1);
    }
}
