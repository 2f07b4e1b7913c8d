package dev.agentkit.examples.readme.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.turn.StopReason;
import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.testing.AgentTestKit;
import dev.agentkit.testing.AgentTestKitExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The README's "Test it under faults", run as it stands (checked by ReadmeSnippetsTest). */
@ExtendWith(AgentTestKitExtension.class)
class RoyUnderFaultsTest {
    @Test
    void aFailedAnnouncementLeavesTheItemToComeBackAndItIsDoneOnce(AgentTestKit kit) {
        kit.provision("roy", "backend");
        Roy roy = new Roy(kit.runtime());
        kit.publishWork("backend", Map.of("id", "REQ-001", "title", "Add login"));
        kit.faults().failNextPublish().matching("work.integration.>");   // a transient BrokerException

        assertThat(roy.runTurn().stopReason()).isEqualTo(StopReason.BROKER_FAILURE);
        assertThat(kit.acked("REQ-001")).isFalse();                      // left for redelivery

        kit.advance(Duration.ofSeconds(30));                             // the ack wait
        TurnReport again = roy.runTurn();

        assertThat(again.done()).isEqualTo(1);
        assertThat(kit.published("work.integration.api_ready")).hasSize(1);
    }
}
