package dev.agentkit.testing.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.testing.AgentTestKit;
import dev.agentkit.testing.AgentTestKitExtension;
import dev.agentkit.testing.broker.BrokerFaults;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What {@code kit.diagnostics()} shows a test that failed. */
@ExtendWith(AgentTestKitExtension.class)
class AgentTestKitDiagnosticsTest {

    @Test
    void showsWhatWasPublishedAckedNakdTerminatedAndDeadLettered(AgentTestKit kit) {
        kit.provision("roy", "backend");
        Greeter roy = new Greeter("roy", "backend", kit.runtime());
        kit.publishWork("backend", Map.of("id", "REQ-001", "title", "Add login"));
        kit.publishWork("backend", Map.of("id", "REQ-002", "outcome", "retry"));
        kit.publishWork("backend", Map.of("id", "REQ-003", "outcome", "reject"));
        roy.runTurn();

        String diagnostics = kit.diagnostics();

        assertThat(diagnostics)
                .contains("published (4)")
                .containsPattern("work\\.requirements\\.backend +REQ-001 +\\d+ B")
                .containsPattern("work\\.deadletter\\.roy +\\S+ +\\d+ B")
                .contains("acked (1)").containsPattern("REQUIREMENTS/roy +REQ-001")
                .contains("nak'd (1)").containsPattern("REQUIREMENTS/roy +REQ-002 .*delay 2m")
                .contains("terminated (1)").containsPattern("REQUIREMENTS/roy +REQ-003")
                .contains("dead-lettered (1)").containsPattern("REQ-003 .*a requirement needs a title");
    }

    @Test
    void showsWhatEachConsumerHasPending(AgentTestKit kit) {
        kit.provision("roy", "backend");
        Greeter roy = new Greeter("roy", "backend", kit.runtime());
        kit.publishWork("backend", Map.of("id", "REQ-001", "outcome", "retry"));
        roy.runTurn();
        kit.publishWork("backend", Map.of("id", "REQ-002"));

        assertThat(kit.diagnostics()).contains("pending")
                .containsPattern("REQUIREMENTS/roy +1 undelivered, 1 awaiting ack")
                .containsPattern("DIRECT/roy +0 undelivered, 0 awaiting ack");
    }

    @Test
    void showsTheChatsRooms(AgentTestKit kit) {
        kit.provision("roy", "backend");
        Greeter roy = new Greeter("roy", "backend", kit.runtime());
        kit.human("@alice:localhost").say("backend", "roy: are you there?");
        kit.stranger("@eve:localhost").say("general", "hello?");
        roy.runTurn();

        assertThat(kit.diagnostics())
                .contains("#backend (2)").contains("@alice:localhost (allow-listed): roy: are you there?")
                .contains("@roy:localhost (agent): roy: hello @alice:localhost")
                .contains("#general (1)").contains("@eve:localhost: hello?");
    }

    @Test
    void readingThemTakesNoScriptedFaultAndWorksWhileTheBrokerIsDown(AgentTestKit kit) {
        kit.provision("roy", "backend");
        kit.faults().failNext(BrokerFaults.Operation.STATUS);
        kit.faults().goDown();

        String diagnostics = kit.diagnostics();

        assertThat(diagnostics).contains("REQUIREMENTS/roy").contains("published (0)").contains("the broker is down");
        assertThat(kit.faults().armed()).hasSize(1);
    }

    @Test
    void aLongJournalShowsItsNewestEntries(AgentTestKit kit) {
        for (int i = 1; i <= 120; i++) {
            kit.publishWork("backend", Map.of("id", "REQ-" + i));
        }

        assertThat(kit.diagnostics()).contains("published (120)").contains("... 70 earlier")
                .contains("REQ-120 ").contains("REQ-71 ").doesNotContain("REQ-70 ");
    }
}
