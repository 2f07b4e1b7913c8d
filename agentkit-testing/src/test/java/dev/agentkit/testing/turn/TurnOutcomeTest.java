package dev.agentkit.testing.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.message.Headers;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.StopReason;
import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.testing.AgentTestKit;
import dev.agentkit.testing.AgentTestKitExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every {@link Outcome}, poison messages and the last delivery, through one agent's turns. */
@ExtendWith(AgentTestKitExtension.class)
class TurnOutcomeTest {
    private final RecordingChat chat = new RecordingChat();

    private ScriptedAgent roy(AgentTestKit kit) {
        kit.provision("roy", "backend");
        return new ScriptedAgent(AgentConfig.builder("roy").role("backend").room("backend").build(), kit.runtime(chat));
    }

    @Test
    void doneItemIsAckedAndMarkedProcessed(AgentTestKit kit) {
        ScriptedAgent roy = roy(kit);
        kit.publishWork("backend", Map.of("id", "REQ-001"));
        TurnReport report = roy.runTurn();
        assertThat(report.done()).isEqualTo(1);
        assertThat(report.stopReason()).isEqualTo(StopReason.QUEUE_EMPTY);
        assertThat(kit.acked("REQ-001")).isTrue();
        assertThat(kit.processedStore().isProcessed("roy.REQ-001")).isTrue();
    }

    @Test
    void retryNaksWithTheDelayAndTheItemComesBackAfterIt(AgentTestKit kit) {
        ScriptedAgent roy = roy(kit);
        roy.work = (self, item) -> item.deliveryCount() == 1 ? Outcome.retry(Duration.ofMinutes(5), "later") : Outcome.done();
        kit.publishWork("backend", Map.of("id", "REQ-002"));
        assertThat(roy.runTurn().retried()).isEqualTo(1);
        kit.advance(Duration.ofMinutes(4));
        assertThat(roy.runTurn().pulled()).as("before the delay").isZero();
        kit.advance(Duration.ofMinutes(1));
        TurnReport second = roy.runTurn();
        assertThat(second.done()).isEqualTo(1);
        assertThat(roy.worked).extracting(i -> i.deliveryCount()).containsExactly(1, 2);
    }

    @Test
    void anExceptionNaksWithTheFailureDelayAndTheTurnGoesOn(AgentTestKit kit) {
        ScriptedAgent roy = roy(kit);
        roy.work = (self, item) -> {
            if (item.id().equals("REQ-bad")) {
                throw new IllegalStateException("database down");
            }
            return Outcome.done();
        };
        kit.publishWork("backend", Map.of("id", "REQ-bad"));
        kit.publishWork("backend", Map.of("id", "REQ-good"));
        TurnReport report = roy.runTurn();
        assertThat(report.failed()).isEqualTo(1);
        assertThat(report.retried()).isEqualTo(1);
        assertThat(report.done()).isEqualTo(1);
        kit.advance(Duration.ofMinutes(4));
        assertThat(roy.runTurn().pulled()).as("failure delay is 5 minutes").isZero();
        kit.advance(Duration.ofMinutes(1));
        assertThat(roy.runTurn().pulled()).isEqualTo(1);
    }

    @Test
    void blockedNaksWithTheBlockedDelayAndAlertsHumans(AgentTestKit kit) {
        ScriptedAgent roy = roy(kit);
        roy.work = (self, item) -> Outcome.blocked("need the database password");
        kit.publishWork("backend", Map.of("id", "REQ-003"));
        TurnReport report = roy.runTurn();
        assertThat(report.blocked()).isEqualTo(1);
        assertThat(chat.postsTo("alerts")).singleElement().asString()
                .contains("BLOCKED").contains("REQ-003").contains("need the database password");
        kit.advance(Duration.ofMinutes(29));
        assertThat(roy.runTurn().pulled()).isZero();
        kit.advance(Duration.ofMinutes(1));
        assertThat(roy.runTurn().pulled()).isEqualTo(1);
    }

    @Test
    void rejectDeadLettersAtOnceWithTheReasonAndOrigin(AgentTestKit kit) {
        ScriptedAgent roy = roy(kit);
        roy.work = (self, item) -> Outcome.reject("not a backend task");
        kit.publishWork("backend", Map.of("id", "REQ-004"));
        TurnReport report = roy.runTurn();
        assertThat(report.rejected()).isEqualTo(1);
        assertThat(report.deadLettered()).isEqualTo(1);
        Map<String, String> h = kit.deadLetterHeaders("roy", "REQ-004");
        assertThat(h).containsEntry(Headers.DEAD_REASON, "not a backend task")
                .containsEntry(Headers.ORIGINAL_SUBJECT, "work.requirements.backend")
                .containsEntry(Headers.ORIGINAL_STREAM, "REQUIREMENTS")
                .containsEntry(Headers.DELIVERY_COUNT, "1")
                .containsEntry(Headers.DEAD_AGENT, "roy");
        kit.advance(Duration.ofHours(1));
        assertThat(roy.runTurn().pulled()).as("terminated, never redelivered").isZero();
        assertThat(chat.postsTo("alerts")).singleElement().asString().contains("DEAD LETTER").contains("REQ-004");
    }

    @Test
    void aRejectReasonBecomesAValidHeaderValue(AgentTestKit kit) {
        ScriptedAgent roy = roy(kit);
        roy.work = (self, item) -> Outcome.reject("café \u2615\nsecond line");
        kit.publishWork("backend", Map.of("id", "REQ-008"));
        roy.runTurn();
        assertThat(kit.deadLetterHeaders("roy", "REQ-008")).containsEntry(Headers.DEAD_REASON, "caf? ? second line");
    }

    @Test
    void aPoisonMessageIsDeadLetteredAtOnceAndTheTurnGoesOn(AgentTestKit kit) {
        ScriptedAgent roy = roy(kit);
        kit.publish("work.requirements.backend", Envelope.ofText("this is not json"));
        kit.publishWork("backend", Map.of("id", "REQ-005"));
        TurnReport report = roy.runTurn();
        assertThat(report.deadLettered()).isEqualTo(1);
        assertThat(report.done()).isEqualTo(1);
        assertThat(roy.worked).extracting(i -> i.id()).containsExactly("REQ-005");
        Envelope letter = kit.deadLetters("roy").get(0);
        assertThat(letter.text()).isEqualTo("this is not json");
        assertThat(letter.header(Headers.DEAD_REASON).orElseThrow()).startsWith("poison");
    }

    @Test
    void aMissingFieldThrownAsPoisonIsRejectedNotRetried(AgentTestKit kit) {
        ScriptedAgent roy = roy(kit);
        roy.work = (self, item) -> {
            item.bodyAs(Requirement.class);
            return Outcome.done();
        };
        kit.publishWork("backend", Map.of("id", "REQ-006", "priority", "not-a-number"));
        TurnReport report = roy.runTurn();
        assertThat(report.deadLettered()).isEqualTo(1);
        assertThat(report.retried()).isZero();
    }

    record Requirement(String id, int priority) {
    }

    @Test
    void theLastAllowedDeliveryFailingDeadLettersAndAlerts(AgentTestKit kit) {
        ScriptedAgent roy = roy(kit);
        roy.work = (self, item) -> {
            throw new RuntimeException("compiler crashed");
        };
        kit.publishWork("backend", Map.of("id", "REQ-007"));
        for (int turn = 1; turn <= 3; turn++) {
            roy.runTurn();
            kit.advance(Duration.ofMinutes(5));
        }
        assertThat(roy.worked).extracting(i -> i.lastAttempt()).containsExactly(false, false, true);
        assertThat(kit.deadLetterHeaders("roy", "REQ-007"))
                .containsEntry(Headers.DELIVERY_COUNT, "3")
                .hasEntrySatisfying(Headers.DEAD_REASON, r -> assertThat(r).contains("out of deliveries").contains("compiler crashed"));
        assertThat(chat.postsTo("alerts")).anySatisfy(a -> assertThat(a).contains("DEAD LETTER").contains("REQ-007"));
        kit.advance(Duration.ofHours(1));
        assertThat(roy.runTurn().pulled()).isZero();
    }
}
