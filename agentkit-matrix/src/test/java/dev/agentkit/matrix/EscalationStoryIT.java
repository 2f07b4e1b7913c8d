package dev.agentkit.matrix;

import static dev.agentkit.matrix.MatrixWorld.ALICE;
import static dev.agentkit.matrix.MatrixWorld.JEN;
import static dev.agentkit.matrix.MatrixWorld.MALLORY;
import static dev.agentkit.matrix.MatrixWorld.ROY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.chat.Rooms;
import dev.agentkit.core.internal.oversight.DeadLetterEntry;
import dev.agentkit.core.oversight.AgentControl;
import dev.agentkit.core.turn.StopReason;
import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.testing.matrix.SynapseExtension;
import dev.agentkit.testing.matrix.SynapseServer;
import dev.agentkit.testing.nats.NatsServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The escalation story of the in-memory oversight tests ({@code EscalationTest},
 * {@code CommandsTest} in agentkit-testing), on a real nats-server and a real Synapse: a
 * requirement that fails three times reaches the alerts room once; the commander's {@code retry}
 * runs it again, {@code reassign} moves it to jen, {@code skip} closes it; a stranger's commands
 * do nothing; and every command acts once across a restart that re-reads the chat. Time is real:
 * 1 s ack wait and retry delays, turns repeated under a bounded deadline.
 */
@ExtendWith(SynapseExtension.class)
class EscalationStoryIT {
    @RegisterExtension
    static final NatsServerExtension NATS = new NatsServerExtension();
    @RegisterExtension
    static final TokenLeakCheck LEAKS = new TokenLeakCheck();

    private RealTeam team;
    private StoryWorker roy;
    private StoryWorker jen;

    @BeforeEach
    void team(SynapseServer synapse) {
        team = new RealTeam(NATS.fixture(), synapse, LEAKS);
        roy = team.agent(ROY);
        jen = team.agent(JEN);
    }

    @AfterEach
    void close() {
        team.close();
    }

    /** REQ-007 fails on all three deliveries of roy and lands in the dead letters. */
    private void deadLetterReq007() {
        team.deadLetter(roy, "REQ-007", "compiler crashed\n  at Compiler.run");
        assertThat(team.deadLetters(ROY)).hasSize(1);
        assertThat(roy.worked).hasSize(3);
    }

    @Test
    void aRequirementThatFailsThreeTimesIsPostedToAlertsOnceWithEverythingAHumanNeeds() {
        deadLetterReq007();
        roy.runTurn();
        team.restart();
        team.agent(ROY).runTurn();
        assertThat(team.posts(Rooms.ALERTS)).singleElement().asString()
                .startsWith("roy: DEAD LETTER REQ-007 (agent roy, subject work.requirements.backend, 3 deliveries)")
                .contains("reason: out of deliveries")
                .contains("last error: failed: java.lang.IllegalStateException: compiler crashed at Compiler.run")
                .contains("retry REQ-007 | skip REQ-007 | reassign REQ-007 to <agent>");
        assertThat(team.statusOf("REQ-007")).isEqualTo(DeadLetterEntry.Status.OPEN);
    }

    @Test
    void aHumansRetryMakesTheItemRunAgainWithAFreshDeliveryBudgetAndSucceed() {
        deadLetterReq007();
        team.say(ALICE, Rooms.ALERTS, "retry REQ-007");
        TurnReport report = roy.runTurn();
        assertThat(report.done()).isEqualTo(1);
        assertThat(roy.worked.get(3).id()).isEqualTo("REQ-007:retry:1");
        assertThat(roy.worked.get(3).deliveryCount()).isEqualTo(1);
        assertThat(roy.requirements()).containsOnly("REQ-007");
        assertThat(team.posts(Rooms.ALERTS)).anySatisfy(p -> assertThat(p)
                .startsWith("roy: roy: retried REQ-007: republished to work.requirements.backend as REQ-007:retry:1"));
        assertThat(team.statusOf("REQ-007")).isEqualTo(DeadLetterEntry.Status.RETRIED);
    }

    @Test
    void reassignMovesTheItemToAnotherAgentWhoDoesIt() {
        deadLetterReq007();
        team.say(ALICE, Rooms.ALERTS, "reassign REQ-007 to jen");
        roy.runTurn();
        assertThat(team.posts(Rooms.ALERTS)).anySatisfy(p -> assertThat(p)
                .contains("reassigned REQ-007 to jen: published to work.requirements.frontend"));
        TurnReport jens = jen.runTurn();
        assertThat(jens.done()).isEqualTo(1);
        assertThat(jen.requirements()).containsExactly("REQ-007");
        assertThat(roy.worked).hasSize(3);
        assertThat(team.statusOf("REQ-007")).isEqualTo(DeadLetterEntry.Status.REASSIGNED);
    }

    @Test
    void skipClosesTheItemWithoutDoingItAndKeepsTheDeadLetter() {
        deadLetterReq007();
        team.say(ALICE, Rooms.BACKEND, "roy: skip REQ-007");
        roy.runTurn();
        assertThat(team.posts(Rooms.BACKEND)).anySatisfy(p -> assertThat(p).contains("skipped REQ-007: closed without doing it"));
        assertThat(team.statusOf("REQ-007")).isEqualTo(DeadLetterEntry.Status.SKIPPED);
        assertThat(team.published("work.requirements.>")).hasSize(1);
        assertThat(team.deadLetters(ROY)).hasSize(1);
        team.say(ALICE, Rooms.BACKEND, "roy: status");
        roy.runTurn();
        assertThat(team.posts(Rooms.BACKEND)).anySatisfy(p -> assertThat(p)
                .contains("roy (backend): active, 0 pending, 0 in progress, 0 dead letters open"));
    }

    @Test
    void aStrangersCommandsDoNothing() {
        deadLetterReq007();
        team.say(MALLORY, Rooms.ALERTS, "retry REQ-007");
        team.say(MALLORY, Rooms.ALERTS, "pause roy");
        team.say(MALLORY, Rooms.BACKEND, "roy: reassign REQ-007 to jen");
        TurnReport report = roy.runTurn();
        jen.runTurn();
        assertThat(report.humanMessages()).as("mallory was heard, and ignored").isEqualTo(3);
        assertThat(report.stopReason()).isNotEqualTo(StopReason.PAUSED);
        assertThat(team.published("work.requirements.>")).hasSize(1);
        assertThat(team.statusOf("REQ-007")).isEqualTo(DeadLetterEntry.Status.OPEN);
        assertThat(new AgentControl(team.stateStore()).isPaused(ROY)).isFalse();
        assertThat(team.posts(Rooms.ALERTS)).hasSize(1).allSatisfy(p -> assertThat(p).contains("DEAD LETTER"));
        assertThat(team.posts(Rooms.BACKEND)).as("no answer to mallory").noneMatch(p -> p.contains("REQ-007"));
    }

    @Test
    void eachCommandActsOnceAcrossARestartThatRereadsTheChat() {
        deadLetterReq007();
        String beforeTheCommands = team.chatCursor(ROY);
        team.say(ALICE, Rooms.ALERTS, "retry REQ-007");
        team.say(ALICE, Rooms.BACKEND, "roy: pause");
        team.say(ALICE, Rooms.BACKEND, "roy: resume");
        assertThat(roy.runTurn().done()).as("the retried copy").isEqualTo(1);
        team.restart();
        StoryWorker restarted = team.agent(ROY);
        team.rewindChat(ROY, beforeTheCommands);
        TurnReport report = restarted.runTurn();
        assertThat(report.humanMessages()).as("every message read again").isEqualTo(3);
        assertThat(report.stopReason()).as("the old pause is not applied again").isNotEqualTo(StopReason.PAUSED);
        assertThat(team.published("work.requirements.backend")).as("the original and one retry").hasSize(2);
        assertThat(restarted.worked).isEmpty();
        assertThat(team.posts(Rooms.ALERTS)).filteredOn(p -> p.contains("retried")).hasSize(1);
        assertThat(team.posts(Rooms.BACKEND)).filteredOn(p -> p.contains("paused; roy")).hasSize(1);
        assertThat(team.posts(Rooms.BACKEND)).filteredOn(p -> p.contains("resumed roy")).hasSize(1);
        assertThat(team.statusOf("REQ-007")).isEqualTo(DeadLetterEntry.Status.RETRIED);
    }
}
