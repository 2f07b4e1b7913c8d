package dev.agentkit.testing.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentkit.testing.AgentTestKit;
import dev.agentkit.testing.AgentTestKitExtension;
import dev.agentkit.testing.chat.ChatFault;
import dev.agentkit.testing.chat.Human;
import dev.agentkit.testing.chat.InMemoryChat;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The kit's built-in chat: humans who talk to agents built on {@code kit.runtime()}, and what the agents posted. */
@ExtendWith(AgentTestKitExtension.class)
class AgentTestKitChatTest {

    @Test
    void anAllowListedHumanWhoAddressesAnAgentGetsItsAnswerInTheRoom(AgentTestKit kit) {
        kit.provision("roy", "backend");
        Greeter roy = new Greeter("roy", "backend", kit.runtime());
        Human alice = kit.human("@alice:localhost");

        alice.say("backend", "roy: are you there?");
        roy.runTurn();

        assertThat(roy.heard).containsExactly("@alice:localhost");
        assertThat(kit.posts("backend")).containsExactly("roy: hello @alice:localhost");
    }

    @Test
    void aStrangerIsIgnoredEntirely(AgentTestKit kit) {
        kit.provision("roy", "backend");
        Greeter roy = new Greeter("roy", "backend", kit.runtime());
        Human eve = kit.stranger("@eve:localhost");

        eve.say("backend", "roy: are you there?");
        eve.say("backend", "roy: pause");
        roy.runTurn();

        assertThat(roy.heard).isEmpty();
        assertThat(kit.control().isPaused("roy")).isFalse();
        assertThat(kit.posts("backend")).isEmpty();
        assertThat(eve.isAllowListed()).isFalse();
    }

    @Test
    void anAllowListedHumanCommandsAnAgent(AgentTestKit kit) {
        kit.provision("roy", "backend");
        Greeter roy = new Greeter("roy", "backend", kit.runtime());

        kit.human("@alice:localhost").say("backend", "roy: pause");
        roy.runTurn();

        assertThat(kit.control().isPaused("roy")).isTrue();
        assertThat(kit.posts("backend")).singleElement().asString().startsWith("roy: ");
    }

    @Test
    void aMentionAddressesOnlyTheNamedAgents(AgentTestKit kit) {
        kit.provision("roy", "backend").provision("jen", "frontend");
        Greeter roy = new Greeter("roy", "backend", kit.runtime());
        Greeter jen = new Greeter("jen", "frontend", kit.runtime());

        kit.human("@alice:localhost").mention("general", "could you and jen look at the login?", "roy");
        roy.runTurn();
        jen.runTurn();

        assertThat(roy.heard).containsExactly("@alice:localhost");
        assertThat(jen.heard).isEmpty();
        assertThat(kit.posts("general")).containsExactly("roy: hello @alice:localhost");
    }

    @Test
    void agentsOfOneKitSeeEachOthersPostsAsAgentsNotAsHumans(AgentTestKit kit) {
        kit.provision("roy", "backend").provision("jen", "backend");
        Greeter roy = new Greeter("roy", "backend", kit.runtime());
        Greeter jen = new Greeter("jen", "backend", kit.runtime());
        kit.publishWork("backend", Map.of("id", "REQ-001", "say", "jen: the API is ready"));

        roy.runTurn();
        jen.runTurn();

        assertThat(kit.posts("backend")).contains("roy: jen: the API is ready");
        assertThat(jen.heard).isEmpty();
    }

    @Test
    void provisioningAnAgentGivesItAnAccountInTheKitsChat(AgentTestKit kit) {
        kit.provision("roy", "backend");

        assertThat(kit.chat().isAgent("@roy:localhost")).isTrue();
        assertThat(kit.chat().isAgent("@alice:localhost")).isFalse();
    }

    @Test
    void theExtensionInjectsTheKitsChat(AgentTestKit kit, InMemoryChat chat) {
        assertThat(chat).isSameAs(kit.chat());
    }

    @Test
    void theKitsChatRunsOnTheKitsClock(AgentTestKit kit) {
        kit.advance(Duration.ofMinutes(7));

        kit.human("@alice:localhost").say("general", "good morning");

        assertThat(kit.chat().messages("general")).singleElement()
                .extracting(InMemoryChat.Posted::at).isEqualTo(kit.clock().now());
    }

    @Test
    void aPostTheKitsChatRefusesIsDroppedAndTheNextGoesThrough(AgentTestKit kit) {
        kit.provision("roy", "backend");
        Greeter roy = new Greeter("roy", "backend", kit.runtime());
        Human alice = kit.human("@alice:localhost");
        kit.chat().refuseNextPost(ChatFault.forbidden());

        alice.say("backend", "roy: first?");
        roy.runTurn();
        alice.say("backend", "roy: second?");
        roy.runTurn();

        assertThat(kit.chat().postAttempts()).isEqualTo(2);
        assertThat(kit.posts("backend")).containsExactly("roy: hello @alice:localhost");
    }

    @Test
    void aHumanNeedsAMatrixUserIdAndAStrangerIsNotAlsoAllowListed(AgentTestKit kit) {
        kit.human("@alice:localhost");

        assertThatThrownBy(() -> kit.human("alice")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("@alice:localhost");
        assertThatThrownBy(() -> kit.stranger("@alice:localhost")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anAgentOnItsOwnPortStillWorksAsBefore(AgentTestKit kit) {
        kit.provision("roy", "backend");
        Greeter roy = new Greeter("roy", "backend", kit.runtime(kit.chat().portFor("roy")));

        kit.human("@alice:localhost").say("backend", "roy: hi");
        roy.runTurn();

        assertThat(kit.posts("backend")).containsExactly("roy: hello @alice:localhost");
    }
}
