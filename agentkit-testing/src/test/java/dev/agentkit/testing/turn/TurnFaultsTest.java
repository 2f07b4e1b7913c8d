package dev.agentkit.testing.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.broker.ConsumerRef;
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

/**
 * A turn-based agent against the in-memory broker's scripted faults, as a user would test one:
 * nothing is lost and nothing is done twice when a publish, an ack or the whole broker fails.
 */
@ExtendWith(AgentTestKitExtension.class)
class TurnFaultsTest {
    private static final Duration ACK_WAIT = Duration.ofSeconds(30);

    private ScriptedAgent roy(AgentTestKit kit) {
        kit.provision("roy", "backend");
        ScriptedAgent roy = new ScriptedAgent(AgentConfig.builder("roy").role("backend").room("backend")
                .brokerRetry(Duration.ZERO).build(), kit.runtime());
        roy.work = (self, item) -> {
            self.announceFromWork("api_ready", Map.of("requirement", item.id()));
            return Outcome.done();
        };
        return roy;
    }

    @Test
    void aFailedAnnouncementLeavesTheItemForRedeliveryAndItIsAnnouncedOnce(AgentTestKit kit) {
        ScriptedAgent roy = roy(kit);
        kit.publishWork("backend", Map.of("id", "REQ-001"));
        kit.faults().failNextPublish().matching("work.integration.>");

        TurnReport first = roy.runTurn();
        assertThat(first.stopReason()).isEqualTo(StopReason.BROKER_FAILURE);
        assertThat(kit.acked("REQ-001")).isFalse();
        assertThat(kit.published("work.integration.api_ready")).isEmpty();

        kit.advance(ACK_WAIT);
        TurnReport second = roy.runTurn();
        assertThat(second.done()).isEqualTo(1);
        assertThat(kit.acked("REQ-001")).isTrue();
        assertThat(kit.published("work.integration.api_ready")).hasSize(1);
    }

    @Test
    void anAnnouncementStoredButReportedFailedIsNotStoredTwice(AgentTestKit kit) {
        ScriptedAgent roy = roy(kit);
        kit.publishWork("backend", Map.of("id", "REQ-002"));
        kit.faults().failNextPublish().matching("work.integration.>").afterApplying();

        roy.runTurn();
        kit.advance(ACK_WAIT);
        roy.runTurn();

        assertThat(roy.worked).hasSize(2);
        assertThat(kit.published("work.integration.api_ready")).as("the retry is a duplicate").hasSize(1);
        assertThat(kit.acked("REQ-002")).isTrue();
    }

    @Test
    void aLostAckIsRedeliveredAndAckedWithoutDoingTheWorkAgain(AgentTestKit kit) {
        ScriptedAgent roy = roy(kit);
        kit.publishWork("backend", Map.of("id", "REQ-003"));
        kit.faults().dropNextAck().matching("work.requirements.>");

        assertThat(roy.runTurn().done()).isEqualTo(1);
        assertThat(kit.acked("REQ-003")).isFalse();

        kit.advance(ACK_WAIT);
        TurnReport again = roy.runTurn();
        assertThat(again.duplicates()).isEqualTo(1);
        assertThat(roy.worked).hasSize(1);
        assertThat(kit.acked("REQ-003")).isTrue();
    }

    @Test
    void aTurnWhileTheBrokerIsDownReportsItAndTheNextTurnDoesTheWork(AgentTestKit kit) {
        ScriptedAgent roy = roy(kit);
        kit.publishWork("backend", Map.of("id", "REQ-004"));
        kit.faults().goDown();

        TurnReport down = roy.runTurn();
        assertThat(down.stopReason()).isEqualTo(StopReason.BROKER_FAILURE);
        assertThat(down.pulled()).isZero();
        assertThat(kit.stateStore().get("agent.roy")).as("the state is saved all the same").isPresent();

        kit.faults().comeBack();
        TurnReport back = roy.runTurn();
        assertThat(back.done()).isEqualTo(1);
        assertThat(back.turnId()).isEqualTo("roy-2");
        assertThat(kit.published("work.integration.api_ready")).hasSize(1);
    }

    @Test
    void aPermanentFetchFailureOfTheWorkConsumerStopsTheTurnAndLosesNothing(AgentTestKit kit) {
        ScriptedAgent roy = roy(kit);
        kit.publishWork("backend", Map.of("id", "REQ-005"));
        ConsumerRef work = ConsumerRef.of(kit.topology().consumersFor("roy", "backend").work());
        kit.faults().failNextFetch().on(work).permanently();

        assertThat(roy.runTurn().stopReason()).isEqualTo(StopReason.BROKER_FAILURE);
        assertThat(roy.runTurn().done()).isEqualTo(1);
    }
}
