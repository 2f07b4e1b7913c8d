package dev.agentkit.examples.readme.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.testing.AgentTestKit;
import dev.agentkit.testing.AgentTestKitExtension;
import dev.agentkit.testing.chat.ChatFault;
import dev.agentkit.testing.chat.Human;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** agentkit-testing's README, "Humans in tests", run as it stands (checked by ReadmeSnippetsTest). */
@ExtendWith(AgentTestKitExtension.class)
class RoyInTheChatTest {
    @Test
    void anAllowListedHumanPausesRoyAndAStrangerCannot(AgentTestKit kit) {
        kit.provision("roy", "backend");
        Roy roy = new Roy(kit.runtime());                  // Roy takes his own seat in kit.chat()
        Human alice = kit.human("@alice:localhost");       // allow-listed: Roy answers and obeys her
        Human eve = kit.stranger("@eve:localhost");        // not: Roy ignores everything she says

        eve.say("backend", "roy: pause");
        roy.runTurn();
        assertThat(kit.control().isPaused("roy")).isFalse();
        assertThat(kit.posts("backend")).isEmpty();

        alice.say("backend", "roy: pause");
        roy.runTurn();
        assertThat(kit.control().isPaused("roy")).isTrue();
        assertThat(kit.posts("backend")).singleElement().asString().startsWith("roy: paused");
    }

    @Test
    void aRefusedAlertIsDroppedAndTheItemIsStillDeadLettered(AgentTestKit kit) {
        kit.provision("roy", "backend");
        Roy roy = new Roy(kit.runtime());
        kit.publishWork("backend", Map.of("id", "REQ-002"));          // no title: Roy rejects it
        kit.chat().refusePostsTo("alerts", ChatFault.forbidden());    // and the alert is refused

        roy.runTurn();

        assertThat(kit.deadLetters("roy")).hasSize(1);
        assertThat(kit.posts("alerts")).isEmpty();
    }
}
