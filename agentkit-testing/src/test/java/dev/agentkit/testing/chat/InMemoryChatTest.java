package dev.agentkit.testing.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.agentkit.core.chat.ChatException;
import dev.agentkit.core.chat.ChatMessage;
import dev.agentkit.core.chat.ChatPort;
import dev.agentkit.testing.VirtualClock;
import org.junit.jupiter.api.Test;

/** What the in-memory chat adds beyond the contract: power levels, scripted faults, assertions. */
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
    void powerLevelsInARoomAStrangerCreatedLetNobodyCommand() {
        chat.commandPowerLevel(50);
        chat.allowCommands("@alice:localhost");
        chat.roomCreatedBy("alerts", "@mallory:localhost");
        chat.roomCreatedBy("backend", "@alice:localhost");
        chat.powerLevel("alerts", "@eve:localhost", 100);
        chat.powerLevel("backend", "@eve:localhost", 100);
        ChatPort roy = chat.portFor("roy");

        chat.say("@eve:localhost", "alerts", "roy: pause");
        chat.say("@eve:localhost", "backend", "roy: pause");
        chat.say("@alice:localhost", "alerts", "roy: resume");

        assertThat(roy.read(null).messages()).extracting(ChatMessage::mayCommand).containsExactly(false, true, true);
    }

    @Test
    void theNextPostsFailWithTheScriptedFaultThenPostsGoThrough() {
        ChatPort roy = chat.portFor("roy");
        chat.refuseNextPosts(2, ChatFault.tooLarge());

        ChatException first = catchThrowableOfType(() -> roy.post("alerts", "a", "k1"), ChatException.class);
        ChatException second = catchThrowableOfType(() -> roy.post("backend", "b", "k2"), ChatException.class);
        roy.post("alerts", "c", "k3");

        assertThat(first.kind()).isEqualTo(ChatException.Kind.REFUSED);
        assertThat(first).hasMessageContaining("413 M_TOO_LARGE").hasMessageContaining("alerts");
        assertThat(second.isPermanent()).isTrue();
        assertThat(chat.texts("alerts")).containsExactly("c");
        assertThat(chat.postAttempts()).isEqualTo(3);
    }

    @Test
    void aRefusedRoomRefusesUntilItIsAcceptedAgainWhileOtherRoomsTakePosts() {
        ChatPort roy = chat.portFor("roy");
        chat.refusePostsTo("alerts", ChatFault.roomUnavailable());

        assertThatThrownBy(() -> roy.post("alerts", "a", "k1")).isInstanceOfSatisfying(ChatException.class,
                e -> assertThat(e.kind()).isEqualTo(ChatException.Kind.ROOM_UNAVAILABLE));
        roy.post("backend", "b", "k2");
        chat.acceptPostsTo("alerts");
        roy.post("alerts", "a", "k1");

        assertThat(chat.texts("alerts")).containsExactly("a");
        assertThat(chat.texts("backend")).containsExactly("b");
    }

    @Test
    void scriptedReadFailuresEndAfterTheirCountAndClearFaultsEndsThemAll() {
        ChatPort roy = chat.portFor("roy");
        chat.failNextRead(ChatFault.unavailable());
        chat.refusePostsTo("alerts", ChatFault.forbidden());
        chat.down(true);

        assertThatThrownBy(() -> roy.read(null)).isInstanceOfSatisfying(ChatException.class,
                e -> assertThat(e.isTransient()).isTrue());
        chat.down(false);
        assertThatThrownBy(() -> roy.read(null)).hasMessageContaining("503");
        assertThat(roy.read(null).messages()).isEmpty();
        chat.clearFaults();
        roy.post("alerts", "ok", "k");
        assertThat(chat.texts("alerts")).containsExactly("ok");
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
