package dev.agentkit.testing.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.oversight.Approval;
import dev.agentkit.core.oversight.ApprovalBook;
import dev.agentkit.core.oversight.ApprovalOptions;
import dev.agentkit.core.oversight.DeadLetterDesk;
import dev.agentkit.core.store.InMemoryStateStore;
import dev.agentkit.core.store.StateStore;
import dev.agentkit.core.store.StoreException;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.testing.AgentTestKit;
import dev.agentkit.testing.chat.Human;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code Outcome.awaitApproval} in the test kit, on virtual time: timeouts (deny, escalate,
 * re-ask), choices, {@code status}, a decision read by two executors, a store that cannot keep
 * the question, and a crash between parking and the ack.
 */
class ApprovalTest {
    private final AgentTestKit kit = AgentTestKit.create();
    private final Human douglas = kit.human("@douglas:localhost");

    @AfterEach
    void close() {
        kit.close();
    }

    private ScriptedAgent roy(ApprovalOptions options) {
        return roy(kit.runtime(), options);
    }

    private ScriptedAgent roy(AgentRuntime runtime, ApprovalOptions options) {
        kit.provision("roy", "backend");
        ScriptedAgent roy = agent(runtime, options);
        kit.publishWork("backend", Map.of("id", "REQ-7", "statement", "migrate the users table"));
        return roy;
    }

    private static ScriptedAgent agent(AgentRuntime runtime, ApprovalOptions options) {
        ScriptedAgent roy = new ScriptedAgent(AgentConfig.builder("roy").role("backend").room("backend").build(), runtime);
        roy.work = (self, item) -> item.approval().isEmpty()
                ? Outcome.awaitApproval("run the migration of " + item.id() + "?", options)
                : (item.approval().get().denied() ? Outcome.reject("denied: " + item.approval().get().text())
                : Outcome.done());
        return roy;
    }

    private ApprovalBook book() {
        return new ApprovalBook(kit.stateStore(), kit.clock());
    }

    private Optional<Approval> lastApproval(ScriptedAgent roy) {
        return roy.worked.get(roy.worked.size() - 1).approval();
    }

    @Test
    void aTimeoutThatDeniesSendsTheItemBackDeniedByTheTimeoutAndSaysSo() {
        ScriptedAgent roy = roy(ApprovalOptions.custom().timeout(Duration.ofHours(2))
                .onTimeout(ApprovalOptions.OnTimeout.DENY).build());
        roy.runTurn();
        kit.advance(Duration.ofMinutes(119));
        assertThat(roy.runTurn().pulled()).as("not yet due").isZero();

        kit.advance(Duration.ofMinutes(1));
        TurnReport timedOut = roy.runTurn();

        assertThat(timedOut.deadLettered()).isEqualTo(1);
        assertThat(lastApproval(roy)).hasValueSatisfying(a -> {
            assertThat(a.denied()).isTrue();
            assertThat(a.by()).isEqualTo(Approval.TIMEOUT);
            assertThat(a.text()).isEqualTo("nobody decided within 2h 0m");
        });
        assertThat(kit.posts("backend")).anySatisfy(p -> assertThat(p)
                .startsWith("roy: REQ-7 timed out after 2h 0m without a decision; denied REQ-7"));
        assertThat(book().pendingOf("roy")).isEmpty();
    }

    @Test
    void aTimeoutThatEscalatesTellsTheAlertsRoomOnceAndKeepsWaiting() {
        ScriptedAgent roy = roy(ApprovalOptions.custom().timeout(Duration.ofHours(1)).build());
        roy.runTurn();
        kit.advance(Duration.ofHours(1));
        roy.runTurn();
        kit.advance(Duration.ofHours(5));
        roy.runTurn();

        assertThat(kit.posts("alerts")).filteredOn(p -> p.contains("ESCALATED REQ-7")).singleElement().asString()
                .contains("nobody decided within 1h 0m", "approve REQ-7");
        assertThat(kit.posts("backend")).anySatisfy(p -> assertThat(p).contains("escalated to the alerts room"));
        assertThat(book().pendingOf("roy")).singleElement().satisfies(e -> assertThat(e.dueAt()).isZero());

        douglas.say("alerts", "approve REQ-7");
        assertThat(roy.runTurn().done()).as("still decidable after the escalation").isEqualTo(1);
    }

    @Test
    void aTimeoutThatReasksPostsTheQuestionAgainEachTimeout() {
        ScriptedAgent roy = roy(ApprovalOptions.custom().timeout(Duration.ofMinutes(30))
                .onTimeout(ApprovalOptions.OnTimeout.REASK).build());
        roy.runTurn();
        kit.advance(Duration.ofMinutes(30));
        roy.runTurn();
        kit.advance(Duration.ofMinutes(30));
        roy.runTurn();

        assertThat(kit.posts("backend")).filteredOn(p -> p.contains("APPROVAL REQ-7")).hasSize(3)
                .last().asString().contains("no decision after 30m, asking again");
        assertThat(book().pendingOf("roy")).singleElement().satisfies(e -> assertThat(e.round()).isEqualTo(3));
        assertThat(roy.worked).as("processWork ran once while it waited").hasSize(1);
    }

    @Test
    void statusListsThePendingApprovalsWithTheirAge() {
        ScriptedAgent roy = roy(ApprovalOptions.ofDefaults());
        roy.runTurn();
        kit.advance(Duration.ofMinutes(125));

        douglas.say("backend", "roy: status");
        roy.runTurn();

        assertThat(kit.posts("backend")).last().asString().contains("1 approval pending (REQ-7 for 2h 5m)");
    }

    @Test
    void anAnswerMustBeOneOfTheChoices() {
        ScriptedAgent roy = roy(ApprovalOptions.custom().choices("staging", "production").build());
        roy.runTurn();
        assertThat(kit.posts("backend")).anySatisfy(p -> assertThat(p).contains("choices: staging | production",
                "answer REQ-7 <choice>"));

        douglas.say("backend", "answer REQ-7 moon");
        assertThat(roy.runTurn().pulled()).isZero();
        assertThat(kit.posts("backend")).last().asString().contains("REQ-7 takes one of: staging, production");

        douglas.say("backend", "answer REQ-7 staging");
        assertThat(roy.runTurn().done()).isEqualTo(1);
        assertThat(lastApproval(roy)).hasValueSatisfying(a -> {
            assertThat(a.answered()).isTrue();
            assertThat(a.text()).isEqualTo("staging");
        });
    }

    @Test
    void aDecisionReadByTheDeskAndTheAgentActsOnce() {
        ScriptedAgent roy = roy(ApprovalOptions.ofDefaults());
        roy.runTurn();
        DeadLetterDesk desk = DeadLetterDesk.builder(kit.broker(), kit.chat().portFor("desk"), kit.stateStore())
                .team(kit.team()).clock(kit.clock()).build();
        kit.chat().addAgent("desk");

        douglas.say("alerts", "approve REQ-7");
        desk.runOnce();
        TurnReport resumed = roy.runTurn();

        assertThat(resumed.pulled()).as("one copy came back").isEqualTo(1);
        assertThat(resumed.done()).isEqualTo(1);
        assertThat(kit.published("work.requirements.backend")).hasSize(2);
    }

    @Test
    void aQuestionTheStoreCannotKeepLeavesTheItemInItsQueueUnasked() {
        StateStore failing = new ApprovalsFail(kit.stateStore());
        AgentRuntime rt = kit.runtime().toBuilder().stateStore(failing).team(kit.team().with("roy", "backend"))
                .build();
        ScriptedAgent roy = roy(rt, ApprovalOptions.ofDefaults());

        roy.runTurn();

        assertThat(kit.acked("REQ-7")).isFalse();
        assertThat(kit.posts("backend")).noneSatisfy(p -> assertThat(p).contains("APPROVAL"));
        kit.advance(AgentConfig.builder("roy").build().failureDelay());
        ScriptedAgent healed = agent(kit.runtime(), ApprovalOptions.ofDefaults());
        assertThat(healed.runTurn().pulled()).as("it comes back").isEqualTo(1);
        assertThat(kit.posts("backend")).anySatisfy(p -> assertThat(p).contains("APPROVAL REQ-7"));
    }

    @Test
    void aCrashBetweenParkingAndTheAckAsksOnceAndBringsOneCopyBack() {
        ScriptedAgent roy = roy(ApprovalOptions.ofDefaults());
        kit.faults().dropNextAck();
        roy.runTurn();
        kit.advance(kit.topology().consumersFor("roy", "backend").work().ackWait());
        TurnReport again = roy.runTurn();

        assertThat(again.pulled()).as("the unacked delivery came back").isEqualTo(1);
        assertThat(kit.posts("backend")).filteredOn(p -> p.contains("APPROVAL REQ-7")).hasSize(1);
        assertThat(book().pendingOf("roy")).hasSize(1);

        douglas.say("backend", "approve REQ-7");
        assertThat(roy.runTurn().done()).isEqualTo(1);
        assertThat(roy.runTurn().pulled()).isZero();
    }

    /** A state store whose approval keys cannot be written. */
    private record ApprovalsFail(InMemoryStateStore store) implements StateStore {
        @Override
        public Optional<String> get(String key) {
            return store.get(key);
        }

        @Override
        public void put(String key, String value) {
            if (key.startsWith("approval.")) {
                throw new StoreException("the disk is full", false, null);
            }
            store.put(key, value);
        }

        @Override
        public void delete(String key) {
            store.delete(key);
        }
    }
}
