package dev.agentkit.testing.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.oversight.ControlListener;
import dev.agentkit.core.oversight.DeadLetter;
import dev.agentkit.core.oversight.DeadLetterDesk;
import dev.agentkit.core.oversight.DeskReport;
import dev.agentkit.core.schedule.Schedule;
import dev.agentkit.core.schedule.TurnScheduler;
import dev.agentkit.core.turn.StopReason;
import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.testing.AgentTestKit;
import dev.agentkit.testing.AgentTestKitExtension;
import dev.agentkit.testing.chat.InMemoryChat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The desk escalates letters nobody escalated and executes commands without waiting for a turn. */
@ExtendWith(AgentTestKitExtension.class)
class DeadLetterDeskTest {
    private static final String MOSS = TeamFixture.MOSS;
    private final List<String> requested = new ArrayList<>();
    private TeamFixture team;
    private AgentTestKit kit;
    private InMemoryChat chat;
    private DeadLetterDesk desk;

    @BeforeEach
    void team(AgentTestKit kit) {
        this.team = new TeamFixture(kit);
        this.kit = kit;
        this.chat = team.chat;
        kit.control().addListener(ControlListener.of(a -> { }, a -> { }, requested::add));
        desk = team.desk();
    }

    /** What a drainer publishes for a requirement no role fits. */
    private void publishUnroutable(String id) {
        DeadLetter letter = DeadLetter.of(Envelope.ofJson(Map.of("id", id, "title", "Bill the customer")), null, null, 0, 0,
                "drainer", DeadLetter.Kind.UNROUTABLE, "unroutable: no role fits", "no rule matched tags [billing]");
        kit.publish(kit.topology().deadLetterSubject("drainer"), letter.toEnvelope());
    }

    @Test
    void aLetterNobodyEscalatedIsEscalatedOnce() {
        publishUnroutable("REQ-042");
        DeskReport first = desk.runOnce();
        assertThat(first.letters()).isEqualTo(1);
        assertThat(first.escalated()).isEqualTo(1);
        assertThat(team.posts("alerts")).singleElement().asString()
                .contains("DEAD LETTER REQ-042 (agent drainer, subject none, 0 deliveries)")
                .contains("reason: no role fits it").contains("last error: no rule matched tags [billing]");
        assertThat(desk.runOnce().letters()).isZero();
        assertThat(team.posts("alerts")).hasSize(1);
    }

    @Test
    void aReassignOnTheDeskReachesTheOtherAgentsQueue() {
        publishUnroutable("REQ-042");
        desk.runOnce();
        chat.say(MOSS, "alerts", "reassign REQ-042 to jen");
        chat.say(MOSS, "alerts", "retry REQ-042");
        DeskReport report = desk.runOnce();
        assertThat(report.commands()).isEqualTo(2);
        assertThat(team.posts("alerts")).anySatisfy(p -> assertThat(p).startsWith("desk: reassigned REQ-042 to jen"));
        assertThat(team.posts("alerts")).anySatisfy(p -> assertThat(p).startsWith("desk: REQ-042 was already reassigned"));
        Worker jen = team.agent("jen");
        assertThat(jen.runTurn().done()).isEqualTo(1);
        assertThat(jen.requirements()).containsExactly("REQ-042");
    }

    @Test
    void statusReportsEveryAgentsQueueDeadLettersAndLastTurn() {
        Worker roy = team.agent("roy");
        roy.runTurn();
        kit.publishWork("backend", Map.of("id", "REQ-1"));
        kit.publishWork("backend", Map.of("id", "REQ-2"));
        publishUnroutable("REQ-042");
        chat.say(MOSS, "alerts", "status");
        desk.runOnce();
        String status = team.posts("alerts").stream().filter(p -> p.startsWith("desk: roy (backend)")).findFirst()
                .orElseThrow();
        assertThat(status).contains("roy (backend): active, 2 pending, 0 in progress, 0 dead letters open; last turn: roy turn roy-1")
                .contains("jen (frontend): active, 0 pending, 0 in progress, 0 dead letters open; last turn: none yet");
    }

    @Test
    void pauseAndTurnNowFromTheDeskFlipTheFlagsTheSchedulerReads() {
        chat.say(MOSS, "alerts", "pause roy");
        chat.say(MOSS, "backend", "jen: turn now");
        desk.runOnce();
        assertThat(kit.control().isPaused("roy")).isTrue();
        assertThat(team.agent("roy").runTurn().stopReason()).isEqualTo(StopReason.PAUSED);
        assertThat(requested).containsExactly("jen");
        assertThat(kit.control().turnRequested("jen")).isTrue();
        team.agent("jen").runTurn();
        assertThat(kit.control().turnRequested("jen")).as("the turn served the request").isFalse();
        assertThat(team.posts("backend")).filteredOn(p -> p.startsWith("desk: "))
                .containsExactly("desk: asked for a turn of jen now.");
    }

    @Test
    void theSchedulerRunsTheTurnAHumanAskedForAndSharesThePauseFlag() {
        Worker roy = team.agent("roy");
        List<TurnReport> reports = new ArrayList<>();
        TurnScheduler scheduler = TurnScheduler.builder(kit.clock()).executor(Runnable::run).onReport(reports::add).build()
                .add(roy, Schedule.every(Duration.ofMinutes(30)));
        kit.publishWork("backend", Map.of("id", "REQ-5"));
        chat.say(MOSS, "alerts", "turn now roy");
        desk.runOnce();
        assertThat(reports).singleElement().satisfies(r -> assertThat(r.done()).isEqualTo(1));
        chat.say(MOSS, "alerts", "pause roy");
        desk.runOnce();
        assertThat(scheduler.isPaused("roy")).isTrue();
        scheduler.shutdown(Duration.ofSeconds(5));
    }

    @Test
    void aCommandTheAgentAlreadyExecutedIsNotExecutedOrAnsweredAgainByTheDesk() {
        chat.say(MOSS, "backend", "roy: pause");
        team.agent("roy").runTurn();
        chat.say(MOSS, "backend", "roy: resume");
        desk.runOnce();
        assertThat(kit.control().isPaused("roy")).as("the desk took the resume, not the old pause").isFalse();
        assertThat(team.posts("backend")).filteredOn(p -> p.contains("paused;") || p.contains("resumed roy"))
                .containsExactly("roy: roy: paused; roy pulls no work until someone says resume roy.", "desk: resumed roy.");
    }

    @Test
    void theDeskIgnoresAgentsPostsAndStrangers() {
        publishUnroutable("REQ-042");
        desk.runOnce();
        chat.say(TeamFixture.MALLORY, "alerts", "skip REQ-042");
        DeskReport report = desk.runOnce();
        assertThat(report.commands()).as("the escalation's own 'retry REQ-042' is not a human's").isZero();
        assertThat(team.posts("alerts")).hasSize(1);
    }
}
