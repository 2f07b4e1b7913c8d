package dev.agentkit.testing.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.agentkit.core.AgentkitException;
import dev.agentkit.core.store.InMemoryStateStore;
import dev.agentkit.core.store.StateStore;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.StopReason;
import dev.agentkit.core.turn.TurnListener;
import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.core.turn.TurnStart;
import dev.agentkit.testing.AgentTestKit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, scenario 3: a turn that dies between its steps (an {@code Error} in processWork, or a
 * crash before the end-of-turn save) must not hand its turn id or its question ids to the next
 * turn, where the broker would drop a new question as a duplicate of the old one.
 */
class TurnCrashSafetyTest {
    private final AgentTestKit kit = AgentTestKit.create();
    private final List<String> turnIds = new ArrayList<>();
    private final List<String> asked = new ArrayList<>();
    private final RecordingChat chat = new RecordingChat();

    @AfterEach
    void close() {
        kit.close();
    }

    private ScriptedAgent jen(StateStore state) {
        kit.provision("roy", "backend").provision("jen", "frontend");
        AgentRuntime runtime = AgentRuntime.builder(kit.broker()).clock(kit.clock()).topology(kit.topology()).chat(chat)
                .processedStore(kit.processedStore()).stateStore(state).team(kit.team())
                .listener(new TurnListener() {
                    @Override
                    public void turnStarted(TurnStart start) {
                        turnIds.add(start.turnId());
                    }
                }).build();
        return new ScriptedAgent(AgentConfig.builder("jen").role("frontend")
                .failureDelay(Duration.ofSeconds(30)).build(), runtime);
    }

    @Test
    void aStackOverflowAfterAnAskLeavesTheNextTurnAndItsQuestionWithNewIds() {
        ScriptedAgent jen = jen(kit.stateStore());
        jen.work = (self, item) -> {
            asked.add(self.askFromWork("roy", "how do you report errors?"));
            if (item.deliveryCount() == 1) {
                throw new StackOverflowError("recursed too deep");
            }
            return Outcome.done();
        };
        kit.publishWork("frontend", Map.of("id", "REQ-1"));

        Throwable thrown = catchThrowable(jen::runTurn);
        kit.advance(Duration.ofSeconds(31));   // past the redelivery, within the duplicate window
        TurnReport second = jen.runTurn();

        assertThat(thrown).as("a VirtualMachineError propagates, after the turn saved").isInstanceOf(StackOverflowError.class);
        assertThat(second.done()).isEqualTo(1);
        assertThat(turnIds).hasSize(2).doesNotHaveDuplicates();
        assertThat(asked).hasSize(2).doesNotHaveDuplicates();
        assertThat(kit.published("work.direct.roy")).as("the second question is stored, not dropped as a duplicate")
                .hasSize(2);
    }

    @Test
    void aCrashAfterAnAskBeforeTheTurnSavedStillGivesTheNextTurnAndItsQuestionNewIds() {
        DyingStateStore state = new DyingStateStore();
        ScriptedAgent jen = jen(state);
        jen.work = (self, item) -> {
            asked.add(self.askFromWork("roy", "how do you report errors?"));
            if (item.id().equals("REQ-1")) {
                state.dead = true;   // the process dies here: nothing more reaches the store
            }
            return Outcome.done();
        };
        kit.publishWork("frontend", Map.of("id", "REQ-1"));
        TurnReport first = jen.runTurn();
        state.dead = false;
        kit.publishWork("frontend", Map.of("id", "REQ-2"));

        TurnReport second = jen.runTurn();

        assertThat(first.stopReason()).as("the lost save is reported, not thrown").isEqualTo(StopReason.STATE_FAILURE);
        assertThat(second.done()).isEqualTo(1);
        assertThat(turnIds).hasSize(2).doesNotHaveDuplicates();
        assertThat(asked).hasSize(2).doesNotHaveDuplicates();
        assertThat(kit.published("work.direct.roy")).hasSize(2);
        assertThat(chat.posts.keySet()).as("chat keys (Matrix transaction ids) made from the turn are new too")
                .filteredOn(k -> k.endsWith(":status")).hasSize(2);
    }

    @Test
    void aStateStoreThatFailsAtTheStartSkipsTheTurnAndSaysSo() {
        DyingStateStore state = new DyingStateStore();
        ScriptedAgent jen = jen(state);
        kit.publishWork("frontend", Map.of("id", "REQ-1"));
        state.dead = true;

        TurnReport report = jen.runTurn();

        assertThat(report.stopReason()).isEqualTo(StopReason.STATE_FAILURE);
        assertThat(report.pulled()).as("no work without a turn id that is known to be new").isZero();
        state.dead = false;
        assertThat(jen.runTurn().done()).isEqualTo(1);
    }

    /** A state store that fails every call while {@link #dead}, as a crashed process's store would see nothing. */
    static final class DyingStateStore implements StateStore {
        private final InMemoryStateStore inner = new InMemoryStateStore();
        volatile boolean dead;

        private void check() {
            if (dead) {
                throw new AgentkitException("the state store is gone");
            }
        }

        @Override
        public Optional<String> get(String key) {
            check();
            return inner.get(key);
        }

        @Override
        public void put(String key, String value) {
            check();
            inner.put(key, value);
        }

        @Override
        public void delete(String key) {
            check();
            inner.delete(key);
        }
    }
}
