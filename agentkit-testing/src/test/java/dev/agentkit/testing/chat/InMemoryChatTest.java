package dev.agentkit.testing.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentkit.core.chat.ChatException;
import dev.agentkit.core.chat.ChatMessage;
import dev.agentkit.core.chat.ChatPort;
import dev.agentkit.testing.VirtualClock;
import org.junit.jupiter.api.Test;

/** What the in-memory chat adds beyond the contract: power levels, the down switch, assertions. */
class InMemoryChatTest {
    private final VirtualClock clock = new VirtualClock();
    private final InMemoryChat chat = new InMemoryChat(clock);

    @Test
    void aHumanAtTheCommandPowerLevelMayCommandInThatRoomOnly() {
        chat.commandPowerLevel(50);
        chat.powerLevel("backend", "@lead:localhost", 50);
        ChatPort roy = chat.portFor("roy");

        chat.say("@lead:localhost", "backend", "roy: pause");
        chat.say("@lead:localhost", "general", "roy: pause");

        assertThat(roy.read(null).messages()).extracting(ChatMessage::mayCommand).containsExactly(true, false);
    }

    @Test
    void aDownChatFailsReadsAndPostsUntilItIsBack() {
        ChatPort roy = chat.portFor("roy");
        chat.down(true);

        assertThatThrownBy(() -> roy.read(null)).isInstanceOf(ChatException.class);
        assertThatThrownBy(() -> roy.post("alerts", "x", "k")).isInstanceOf(ChatException.class);

        chat.down(false);
        roy.post("alerts", "x", "k");
        assertThat(chat.texts("alerts")).containsExactly("x");
    }

    @Test
    void aForeignCursorIsRefused() {
        assertThatThrownBy(() -> chat.portFor("roy").read("s72_3")).isInstanceOf(ChatException.class)
                .hasMessageContaining("s72_3");
    }

    @Test
    void messagesAreStampedByTheChatsClock() {
        chat.say("@alice:localhost", "general", "hi");

        assertThat(chat.messages("general")).singleElement()
                .satisfies(p -> assertThat(p.at()).isEqualTo(VirtualClock.DEFAULT_START));
    }

    @Test
    void anExplicitMentionOfAnotherAgentDoesNotAddressThisOneEvenIfItIsNamed() {
        chat.addAgent("jen");
        ChatPort roy = chat.portFor("roy");

        chat.mention("@alice:localhost", "general", "jen, ask roy about it", "jen");

        assertThat(roy.read(null).messages()).singleElement().satisfies(m -> assertThat(m.addressedToMe()).isFalse());
    }
}
