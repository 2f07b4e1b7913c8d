package dev.agentkit.testing.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.oversight.DeskReport;
import dev.agentkit.testing.AgentTestKit;
import dev.agentkit.testing.AgentTestKitExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A requirement that keeps failing reaches the alerts room once, with all a human needs to act. */
@ExtendWith(AgentTestKitExtension.class)
class EscalationTest {

    @Test
    void aRequirementThatFailsThreeTimesIsPostedToAlertsOnceWithEverythingAHumanNeeds(AgentTestKit kit) {
        TeamFixture team = new TeamFixture(kit);
        Worker roy = team.agent("roy");
        team.deadLetter(roy, "REQ-007", "compiler crashed\n  at Compiler.run");
        roy.runTurn();
        kit.advance(Duration.ofHours(1));
        roy.runTurn();
        assertThat(team.posts("alerts")).singleElement().asString()
                .startsWith("roy: DEAD LETTER REQ-007 (agent roy, subject work.requirements.backend, 3 deliveries)")
                .contains("reason: out of deliveries")
                .contains("last error: failed: java.lang.IllegalStateException: compiler crashed at Compiler.run")
                .contains("retry REQ-007 | skip REQ-007 | reassign REQ-007 to <agent>");
        DeskReport desk = team.desk().runOnce();
        assertThat(desk.letters()).isEqualTo(1);
        assertThat(desk.escalated()).as("the agent escalated it already").isZero();
        assertThat(team.posts("alerts")).hasSize(1);
    }

    @Test
    void aLongErrorIsCutInTheAlert(AgentTestKit kit) {
        TeamFixture team = new TeamFixture(kit);
        team.deadLetter(team.agent("roy"), "REQ-008", "x".repeat(5_000));
        String alert = team.posts("alerts").get(0);
        assertThat(alert.lines().filter(l -> l.startsWith("last error: ")).findFirst().orElseThrow())
                .hasSize("last error: ".length() + 300).endsWith("...");
    }
}
