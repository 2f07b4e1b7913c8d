package dev.agentkit.testing.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.internal.oversight.DeadLetterEntry;
import dev.agentkit.core.internal.oversight.DeadLetterIndex;
import dev.agentkit.core.turn.StopReason;
import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.testing.AgentTestKit;
import dev.agentkit.testing.AgentTestKitExtension;
import dev.agentkit.testing.chat.InMemoryChat;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Humans act on dead letters and agents from chat, at the agent's next turn; strangers cannot. */
@ExtendWith(AgentTestKitExtension.class)
class CommandsTest {
    private static final String MOSS = TeamFixture.MOSS;
    private TeamFixture team;
    private AgentTestKit kit;
    private InMemoryChat chat;
    private Worker roy;
    private Worker jen;

    @BeforeEach
    void team(AgentTestKit kit) {
        this.team = new TeamFixture(kit);
        this.kit = kit;
        this.chat = team.chat;
        roy = team.agent("roy");
        jen = team.agent("jen");
    }

    /** REQ-007 fails on all three deliveries of roy and lands in the dead letters. */
    private void deadLetterReq007() {
        team.deadLetter(roy, "REQ-007", "compiler crashed");
        assertThat(kit.deadLetters("roy")).hasSize(1);
    }

    private DeadLetterEntry.Status statusOf(String item) {
        return new DeadLetterIndex(kit.stateStore()).find(item).orElseThrow().status();
    }

    @Test
    void aHumansRetryMakesTheItemRunAgainWithAFreshDeliveryBudgetAndSucceed() {
        deadLetterReq007();
        chat.say(MOSS, "alerts", "retry REQ-007");
        TurnReport report = roy.runTurn();
        assertThat(report.done()).isEqualTo(1);
        assertThat(roy.worked.get(3).id()).isEqualTo("REQ-007:retry:1");
        assertThat(roy.worked.get(3).deliveryCount()).isEqualTo(1);
        assertThat(roy.requirements()).containsOnly("REQ-007");
        assertThat(team.posts("alerts")).anySatisfy(p -> assertThat(p)
                .startsWith("roy: roy: retried REQ-007: republished to work.requirements.backend as REQ-007:retry:1"));
        assertThat(statusOf("REQ-007")).isEqualTo(DeadLetterEntry.Status.RETRIED);
    }

    @Test
    void reassignMovesTheItemToAnotherAgentWhoDoesIt() {
        deadLetterReq007();
        chat.say(MOSS, "alerts", "reassign REQ-007 to jen");
        roy.runTurn();
        assertThat(team.posts("alerts")).anySatisfy(p -> assertThat(p)
                .contains("reassigned REQ-007 to jen: published to work.requirements.frontend"));
        TurnReport jens = jen.runTurn();
        assertThat(jens.done()).isEqualTo(1);
        assertThat(jen.requirements()).containsExactly("REQ-007");
        assertThat(roy.worked).hasSize(3);
        assertThat(statusOf("REQ-007")).isEqualTo(DeadLetterEntry.Status.REASSIGNED);
    }

    @Test
    void skipClosesTheItemWithoutDoingItAndKeepsTheDeadLetter() {
        deadLetterReq007();
        chat.say(MOSS, "backend", "roy: skip REQ-007");
        roy.runTurn();
        assertThat(team.posts("backend")).anySatisfy(p -> assertThat(p).contains("skipped REQ-007: closed without doing it"));
        assertThat(statusOf("REQ-007")).isEqualTo(DeadLetterEntry.Status.SKIPPED);
        assertThat(kit.published("work.requirements.>")).hasSize(1);
        assertThat(kit.deadLetters("roy")).hasSize(1);
        chat.say(MOSS, "backend", "roy: status");
        roy.runTurn();
        assertThat(team.posts("backend")).anySatisfy(p -> assertThat(p).contains("roy (backend): active, 0 pending, 0 in progress, 0 dead letters open"));
    }

    @Test
    void aStrangersCommandsDoNothing() {
        deadLetterReq007();
        chat.say(TeamFixture.MALLORY, "alerts", "retry REQ-007");
        chat.say(TeamFixture.MALLORY, "alerts", "pause roy");
        chat.say(TeamFixture.MALLORY, "backend", "roy: reassign REQ-007 to jen");
        TurnReport report = roy.runTurn();
        assertThat(report.stopReason()).isNotEqualTo(StopReason.PAUSED);
        assertThat(kit.published("work.requirements.>")).hasSize(1);
        assertThat(statusOf("REQ-007")).isEqualTo(DeadLetterEntry.Status.OPEN);
        assertThat(kit.control().isPaused("roy")).isFalse();
        assertThat(team.posts("alerts")).hasSize(1).allSatisfy(p -> assertThat(p).contains("DEAD LETTER"));
    }

    @Test
    void anAgentLeavesCommandsAboutOthersItemsToThem() {
        deadLetterReq007();
        chat.say(MOSS, "alerts", "retry REQ-007");
        jen.runTurn();
        assertThat(statusOf("REQ-007")).as("jen does not own REQ-007").isEqualTo(DeadLetterEntry.Status.OPEN);
        roy.runTurn();
        assertThat(statusOf("REQ-007")).isEqualTo(DeadLetterEntry.Status.RETRIED);
    }

    @Test
    void eachCommandActsOnceAcrossARestartThatRereadsTheChat() {
        deadLetterReq007();
        chat.say(MOSS, "alerts", "retry REQ-007");
        chat.say(MOSS, "backend", "roy: pause");
        chat.say(MOSS, "backend", "roy: resume");
        roy.runTurn();
        kit.advance(Duration.ofMinutes(10));
        Worker restarted = team.agent("roy");
        team.forgetCursor("roy");
        TurnReport report = restarted.runTurn();
        assertThat(report.humanMessages()).as("every message read again").isEqualTo(3);
        assertThat(report.stopReason()).as("the old pause is not applied again").isNotEqualTo(StopReason.PAUSED);
        assertThat(kit.published("work.requirements.backend")).as("the original and one retry").hasSize(2);
        assertThat(restarted.worked).isEmpty();
        assertThat(team.posts("alerts")).filteredOn(p -> p.contains("retried")).hasSize(1);
        assertThat(team.posts("backend")).filteredOn(p -> p.contains("paused; roy")).hasSize(1);
        assertThat(team.posts("backend")).filteredOn(p -> p.contains("resumed roy")).hasSize(1);
    }

    @Test
    void pauseAndResumeNamedInTheAlertsRoomReachTheNamedAgent() {
        chat.say(MOSS, "alerts", "pause roy");
        assertThat(jen.runTurn().stopReason()).isNotEqualTo(StopReason.PAUSED);
        assertThat(kit.control().isPaused("roy")).as("jen leaves roy's pause to roy").isFalse();
        assertThat(roy.runTurn().stopReason()).isEqualTo(StopReason.PAUSED);
        kit.publishWork("backend", Map.of("id", "REQ-020"));
        assertThat(roy.runTurn().pulled()).isZero();
        chat.say(MOSS, "alerts", "resume roy");
        assertThat(roy.runTurn().done()).isEqualTo(1);
    }

    @Test
    void helpListsTheCommands() {
        chat.say(MOSS, "backend", "roy: help");
        roy.runTurn();
        assertThat(team.posts("backend")).anySatisfy(p -> assertThat(p)
                .contains("retry <item>", "skip <item>", "reassign <item> to <agent>", "pause <agent>", "resume <agent>",
                        "turn now <agent>", "status [agent]"));
    }
}
