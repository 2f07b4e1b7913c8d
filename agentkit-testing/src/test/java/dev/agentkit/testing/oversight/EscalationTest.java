package dev.agentkit.testing.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.oversight.DeadLetterDesk;
import dev.agentkit.core.oversight.DeskReport;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.testing.AgentTestKit;
import dev.agentkit.testing.AgentTestKitExtension;
import dev.agentkit.testing.chat.InMemoryChat;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A requirement that keeps failing reaches the alerts room once, with all a human needs to act. */
@ExtendWith(AgentTestKitExtension.class)
class EscalationTest {

    @Test
    void aRequirementThatFailsThreeTimesIsPostedToAlertsOnceWithEverythingAHumanNeeds(AgentTestKit kit) {
        InMemoryChat chat = new InMemoryChat(kit.clock());
        kit.provision("roy", "backend");
        Worker roy = new Worker(AgentConfig.builder("roy").role("backend").room("backend").build(), kit.runtime(chat.portFor("roy")));
        roy.work = (self, item) -> {
            throw new IllegalStateException("compiler crashed\n  at Compiler.run");
        };
        kit.publishWork("backend", Map.of("id", "REQ-007", "title", "Add login"));
        for (int turn = 1; turn <= 5; turn++) {
            roy.runTurn();
            kit.advance(Duration.ofMinutes(5));
        }
        assertThat(ChatLog.posts(chat, "alerts")).singleElement().asString()
                .startsWith("roy: DEAD LETTER REQ-007 (agent roy, subject work.requirements.backend, 3 deliveries)")
                .contains("reason: out of deliveries")
                .contains("last error: failed: java.lang.IllegalStateException: compiler crashed at Compiler.run")
                .contains("retry REQ-007 | skip REQ-007 | reassign REQ-007 to <agent>");
        DeskReport desk = DeadLetterDesk.builder(kit.broker(), chat.portFor("desk"), kit.stateStore()).team(kit.team())
                .build().runOnce();
        assertThat(desk.letters()).isEqualTo(1);
        assertThat(desk.escalated()).as("the agent escalated it already").isZero();
        assertThat(ChatLog.posts(chat, "alerts")).hasSize(1);
    }

    @Test
    void aLongErrorIsCutInTheAlert(AgentTestKit kit) {
        InMemoryChat chat = new InMemoryChat(kit.clock());
        kit.provision("roy", "backend");
        Worker roy = new Worker(AgentConfig.builder("roy").role("backend").build(), kit.runtime(chat.portFor("roy")));
        roy.work = (self, item) -> {
            throw new IllegalStateException("x".repeat(5_000));
        };
        kit.publishWork("backend", Map.of("id", "REQ-008"));
        for (int turn = 1; turn <= 3; turn++) {
            roy.runTurn();
            kit.advance(Duration.ofMinutes(5));
        }
        String alert = ChatLog.posts(chat, "alerts").get(0);
        assertThat(alert.lines().filter(l -> l.startsWith("last error: ")).findFirst().orElseThrow())
                .hasSize("last error: ".length() + 300).endsWith("...");
    }
}
