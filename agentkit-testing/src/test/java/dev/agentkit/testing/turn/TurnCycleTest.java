package dev.agentkit.testing.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.chat.ChatMessage;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.StopReason;
import dev.agentkit.core.turn.TurnBudget;
import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.testing.AgentTestKit;
import dev.agentkit.testing.AgentTestKitExtension;
import dev.agentkit.testing.broker.InMemoryBroker;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The turn as a whole: budgets, idempotency, announcements, direct messages, coordination, chat, lease. */
@ExtendWith(AgentTestKitExtension.class)
class TurnCycleTest {
    private final RecordingChat chat = new RecordingChat();

    private ScriptedAgent agent(AgentTestKit kit, AgentConfig config) {
        kit.provision(config.name(), config.role());
        return new ScriptedAgent(config, kit.runtime(chat));
    }

    private ScriptedAgent roy(AgentTestKit kit) {
        return agent(kit, AgentConfig.builder("roy").role("backend").room("backend").build());
    }

    @Test
    void anEmptyTurnIsIdleAndPostsNothing(AgentTestKit kit) {
        TurnReport report = roy(kit).runTurn();
        assertThat(report.idle()).isTrue();
        assertThat(report.stopReason()).isEqualTo(StopReason.QUEUE_EMPTY);
        assertThat(chat.posts).isEmpty();
    }

    @Test
    void aBudgetOfThreeItemsTakesTenItemsInFourTurnsWithoutBurningDeliveries(AgentTestKit kit) {
        ScriptedAgent roy = agent(kit, AgentConfig.builder("roy").role("backend").budget(TurnBudget.items(3)).build());
        for (int i = 1; i <= 10; i++) {
            kit.publishWork("backend", Map.of("id", "REQ-" + i));
        }
        assertThat(roy.runTurn().stopReason()).isEqualTo(StopReason.MAX_ITEMS);
        roy.runTurn();
        roy.runTurn();
        TurnReport last = roy.runTurn();
        assertThat(last.done()).isEqualTo(1);
        assertThat(roy.worked).hasSize(10).allSatisfy(i -> assertThat(i.deliveryCount()).isEqualTo(1));
        assertThat(kit.deadLetters("roy")).isEmpty();
    }

    @Test
    void aWallTimeBudgetStopsPullingOnceSpent(AgentTestKit kit) {
        ScriptedAgent roy = agent(kit, AgentConfig.builder("roy").role("backend")
                .budget(new TurnBudget(100, Duration.ofMinutes(10))).build());
        roy.work = (self, item) -> {
            kit.advance(Duration.ofMinutes(4));
            return Outcome.done();
        };
        for (int i = 1; i <= 5; i++) {
            kit.publishWork("backend", Map.of("id", "REQ-" + i));
        }
        TurnReport report = roy.runTurn();
        assertThat(report.stopReason()).isEqualTo(StopReason.DEADLINE);
        assertThat(report.pulled()).isEqualTo(3);
        ConsumerRef work = ConsumerRef.of(kit.topology().consumersFor("roy", "backend").work());
        assertThat(kit.broker().status(work).ackPending()).as("nothing fetched and left unprocessed").isZero();
        assertThat(kit.broker().status(work).pending()).isEqualTo(2);
    }

    @Test
    void aRedeliveredItemThatWasAlreadyProcessedIsAckedWithoutWork(AgentTestKit kit) {
        ScriptedAgent roy = roy(kit);
        kit.processedStore().markProcessed("roy.REQ-009");
        kit.publishWork("backend", Map.of("id", "REQ-009"));
        TurnReport report = roy.runTurn();
        assertThat(report.duplicates()).isEqualTo(1);
        assertThat(roy.worked).isEmpty();
        assertThat(kit.acked("REQ-009")).isTrue();
    }

    @Test
    void announcementsGoOutOnlyWhenTheItemIsDoneAndOnceAcrossRetries(AgentTestKit kit) {
        ScriptedAgent roy = roy(kit);
        roy.work = (self, item) -> {
            self.announceFromWork("api_ready", Map.of("endpoint", "/login"));
            return item.deliveryCount() == 1 ? Outcome.retry(Duration.ofMinutes(1), "flaky") : Outcome.done();
        };
        kit.publishWork("backend", Map.of("id", "REQ-010"));
        roy.runTurn();
        assertThat(kit.published("work.integration.>")).as("not announced while retrying").isEmpty();
        kit.advance(Duration.ofMinutes(1));
        roy.runTurn();
        assertThat(kit.published("work.integration.api_ready")).singleElement()
                .satisfies(e -> assertThat(e.json().path("endpoint").asText()).isEqualTo("/login"));
        assertThat(roy.coordination).as("an agent does not hear its own announcements").isEmpty();
    }

    @Test
    void coordinationAnnouncementsReachEveryAgentOnItsOwnDurable(AgentTestKit kit) {
        ScriptedAgent roy = roy(kit);
        ScriptedAgent jen = agent(kit, AgentConfig.builder("jen").role("frontend").build());
        kit.publish("work.integration.api_ready", Map.of("endpoint", "/login"));
        kit.publish("work.architecture.decision", Map.of("use", "postgres"));
        assertThat(roy.runTurn().coordination()).isEqualTo(2);
        assertThat(jen.runTurn().coordination()).isEqualTo(2);
        assertThat(jen.coordination).containsExactlyInAnyOrder("work.integration.api_ready", "work.architecture.decision");
        assertThat(roy.runTurn().coordination()).as("acked, not seen twice").isZero();
    }

    @Test
    void aQuestionAskedInOneTurnIsAnsweredOnTheNextTurnOfEachSide(AgentTestKit kit) {
        ScriptedAgent roy = roy(kit);
        roy.answer = "{\"token\": \"string\"}";
        ScriptedAgent jen = agent(kit, AgentConfig.builder("jen").role("frontend").build());
        jen.askOnFirstItem = "roy";
        jen.work = (self, item) -> Outcome.blocked("waiting for roy");
        kit.publishWork("frontend", Map.of("id", "REQ-011"));
        jen.runTurn();
        assertThat(roy.runTurn().directMessages()).isEqualTo(1);
        assertThat(jen.runTurn().directMessages()).isEqualTo(1);
        assertThat(jen.answers).singleElement().satisfies(a -> {
            assertThat(a.text()).isEqualTo("{\"token\": \"string\"}");
            assertThat(a.from()).isEqualTo("roy");
            assertThat(a.correlationId()).isEqualTo("jen-1-q1");
        });
    }

    @Test
    void longWorkIsKeptInProgressAndNotRedelivered(AgentTestKit kit) {
        ScriptedAgent roy = roy(kit);
        roy.work = (self, item) -> {
            kit.advance(Duration.ofMinutes(30));
            return Outcome.done();
        };
        kit.publishWork("backend", Map.of("id", "REQ-012"));
        TurnReport report = roy.runTurn();
        assertThat(report.done()).isEqualTo(1);
        assertThat(roy.worked).hasSize(1);
        assertThat(kit.broker().settlements()).filteredOn(s -> s.action() == InMemoryBroker.Action.IN_PROGRESS)
                .hasSizeGreaterThanOrEqualTo(59);
        assertThat(kit.clock().pendingTimers()).as("heartbeat cancelled").isZero();
    }

    @Test
    void aHumanMessageAddressedToTheAgentIsAnsweredInItsRoom(AgentTestKit kit) {
        ScriptedAgent roy = roy(kit);
        chat.incoming.add(human("$1", "roy: how is the login endpoint going?", true));
        chat.incoming.add(human("$2", "lunch, anyone?", false));
        TurnReport report = roy.runTurn();
        assertThat(report.humanMessages()).isEqualTo(2);
        assertThat(chat.postsTo("backend")).anySatisfy(p -> assertThat(p).isEqualTo("roy: heard: how is the login endpoint going?"));
        roy.runTurn();
        assertThat(chat.postsTo("backend").stream().filter(p -> p.contains("heard"))).as("each message once").hasSize(1);
    }

    @Test
    void pauseStopsWorkUntilResume(AgentTestKit kit) {
        ScriptedAgent roy = roy(kit);
        kit.publishWork("backend", Map.of("id", "REQ-013"));
        chat.incoming.add(human("$1", "roy: pause", true));
        assertThat(roy.runTurn().stopReason()).isEqualTo(StopReason.PAUSED);
        assertThat(roy.runTurn().pulled()).isZero();
        chat.incoming.add(human("$2", "@roy resume", true));
        assertThat(roy.runTurn().done()).isEqualTo(1);
    }

    @Test
    void aStrangersCommandDoesNothing(AgentTestKit kit) {
        ScriptedAgent roy = roy(kit);
        kit.publishWork("backend", Map.of("id", "REQ-014"));
        ChatMessage stranger = new ChatMessage("$1", "backend", "@mallory:hs", "roy: pause", Instant.EPOCH, true, true, false);
        chat.incoming.add(stranger);
        assertThat(roy.runTurn().done()).isEqualTo(1);
        assertThat(chat.postsTo("backend")).noneSatisfy(p -> assertThat(p).contains("paused"));
    }

    @Test
    void aChatOutageIsReportedAndTheAlertIsPostedOnALaterTurn(AgentTestKit kit) {
        ScriptedAgent roy = roy(kit);
        roy.work = (self, item) -> Outcome.reject("impossible");
        kit.publishWork("backend", Map.of("id", "REQ-015"));
        kit.publishWork("backend", Map.of("id", "REQ-016"));
        roy.work = (self, item) -> item.id().equals("REQ-015") ? Outcome.reject("impossible") : Outcome.done();
        chat.down = true;
        TurnReport report = roy.runTurn();
        assertThat(report.done()).as("broker work goes on").isEqualTo(1);
        assertThat(report.chatFailure()).isPresent();
        assertThat(kit.acked("REQ-016")).isTrue();
        chat.down = false;
        assertThat(roy.runTurn().chatFailure()).isEmpty();
        assertThat(chat.postsTo("alerts")).singleElement().asString().contains("REQ-015");
    }

    @Test
    void aSecondTurnWhileTheLeaseIsHeldDoesNothing(AgentTestKit kit) {
        ScriptedAgent roy = roy(kit);
        ScriptedAgent royTwin = new ScriptedAgent(roy.config(), kit.runtime(chat));
        TurnReport[] inner = new TurnReport[1];
        roy.work = (self, item) -> {
            inner[0] = royTwin.runTurn();
            return Outcome.done();
        };
        kit.publishWork("backend", Map.of("id", "REQ-017"));
        roy.runTurn();
        assertThat(inner[0].stopReason()).isEqualTo(StopReason.LEASE_HELD);
        assertThat(royTwin.worked).isEmpty();
    }

    private static ChatMessage human(String id, String text, boolean addressed) {
        return new ChatMessage(id, "backend", "@moss:hs", text, Instant.EPOCH, true, addressed, true);
    }
}
