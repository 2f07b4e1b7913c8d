package dev.agentkit.testing.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.store.InMemoryProcessedStore;
import dev.agentkit.core.store.ProcessedStore;
import dev.agentkit.core.store.StoreException;
import dev.agentkit.core.topology.ConsumerSpec;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.ItemEvent;
import dev.agentkit.core.turn.TurnListener;
import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.testing.AgentTestKit;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A processed store that cannot tell whether an item was done: the turn neither runs the item
 * blind nor drops it, it puts it back and returns its report.
 */
class ProcessedStoreFailureTest {
    private final AgentTestKit kit = AgentTestKit.create();
    private final ConsumerSpec work = kit.topology().consumersFor("roy", "backend").work();
    private final BrokenReads processed = new BrokenReads();
    private final List<ItemEvent> items = new ArrayList<>();

    @AfterEach
    void close() {
        kit.close();
    }

    private ScriptedAgent roy() {
        kit.provision("roy", "backend");
        TurnListener listener = new TurnListener() {
            @Override
            public void itemFailed(ItemEvent event) {
                items.add(event);
            }
        };
        AgentRuntime runtime = AgentRuntime.builder(kit.broker()).clock(kit.clock()).topology(kit.topology())
                .processedStore(processed).stateStore(kit.stateStore()).team(kit.team()).listener(listener).build();
        return new ScriptedAgent(AgentConfig.builder("roy").role("backend").failureDelay(Duration.ofMinutes(5)).build(),
                runtime);
    }

    @Test
    void anItemWhoseMarkCannotBeReadIsPutBackNotRunAndRunOnceWhenTheStoreIsBack() {
        ScriptedAgent roy = roy();
        kit.publishWork("backend", Map.of("id", "REQ-1"));
        processed.failReads = 1;

        TurnReport first = roy.runTurn();

        assertThat(roy.worked).as("not run blind").isEmpty();
        assertThat(first.failed()).as("the store's failure, not the item's").isZero();
        assertThat(first.retried()).isEqualTo(1);
        assertThat(kit.acked("REQ-1")).isFalse();
        assertThat(kit.nakCount("REQ-1")).isEqualTo(1);
        assertThat(items).singleElement().satisfies(e -> {
            assertThat(e.result()).isEqualTo(ItemEvent.Result.DEFERRED);
            assertThat(e.detail()).contains("processed store failed transiently");
        });

        kit.advance(Duration.ofMinutes(5));
        TurnReport second = roy.runTurn();
        assertThat(second.done()).isEqualTo(1);
        assertThat(roy.worked).hasSize(1);
        assertThat(kit.acked("REQ-1")).isTrue();
    }

    @Test
    void onItsLastDeliveryItIsRequeuedNotLostNorDeadLettered() {
        ScriptedAgent roy = roy();
        kit.publishWork("backend", Map.of("id", "REQ-1"));
        processed.failReads = work.maxDeliver();

        int done = 0;
        for (int delivery = 1; delivery <= work.maxDeliver(); delivery++) {
            done += roy.runTurn().done();
            kit.advance(Duration.ofMinutes(5));
        }

        assertThat(kit.deadLetters("roy")).isEmpty();
        assertThat(done).as("the requeued copy, with a fresh delivery budget").isEqualTo(1);
        assertThat(roy.worked).singleElement().satisfies(item -> {
            assertThat(item.id()).as("the same item").isEqualTo("REQ-1");
            assertThat(item.envelope().id()).as("a copy with its own message id").hasValueSatisfying(
                    id -> assertThat(id).startsWith("REQ-1:requeue:"));
        });
        assertThat(kit.acked("REQ-1")).as("the original, once its copy was published").isTrue();
    }

    /** A processed store whose next reads fail as a file store's do when its disk does. */
    private static final class BrokenReads implements ProcessedStore {
        private final InMemoryProcessedStore marks = new InMemoryProcessedStore();
        int failReads;

        @Override
        public boolean isProcessed(String key) {
            if (failReads > 0) {
                failReads--;
                throw new StoreException("read " + key + ": a test I/O error", true, new IOException("Input/output error"));
            }
            return marks.isProcessed(key);
        }

        @Override
        public void markProcessed(String key) {
            marks.markProcessed(key);
        }
    }
}
