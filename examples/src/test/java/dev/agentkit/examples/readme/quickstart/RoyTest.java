package dev.agentkit.examples.readme.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.testing.AgentTestKit;
import dev.agentkit.testing.AgentTestKitExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The README's "Test it", run as it stands (checked by ReadmeSnippetsTest). */
@ExtendWith(AgentTestKitExtension.class)
class RoyTest {
    @Test
    void announcesWhatItFinishes(AgentTestKit kit) {
        kit.provision("roy", "backend");
        Roy roy = new Roy(kit.runtime());
        kit.publishWork("backend", Map.of("id", "REQ-001", "title", "Add login"));

        TurnReport report = roy.runTurn();

        assertThat(report.done()).isEqualTo(1);
        assertThat(kit.acked("REQ-001")).isTrue();
        assertThat(kit.published("work.integration.api_ready")).hasSize(1);
    }
}
