package dev.agentkit.testing.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.agentkit.core.chat.ChatBatch;
import dev.agentkit.core.chat.ChatException;
import dev.agentkit.core.chat.ChatLimits;
import dev.agentkit.core.chat.ChatMessage;
import dev.agentkit.core.chat.ChatPort;
import dev.agentkit.core.chat.Rooms;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ChatPort} must show, run against {@link InMemoryChat} and against
 * {@code MatrixChatPort} on a real Synapse: if they disagree, the fake is wrong. A subclass
 * provides a fresh world for each test with two agents, {@link #ROY} and {@link #JEN}, a
 * commander (an allow-listed human), a stranger (a human who is not), and the rooms
 * {@link Rooms#GENERAL} and {@link Rooms#BACKEND}.
 */
public abstract class ChatContract {
    /** The first agent. */
    protected static final String ROY = "roy";
    /** The second agent. */
    protected static final String JEN = "jen";

    /** A new port for {@code agent}: each call is a fresh instance, as after a restart. */
    protected abstract ChatPort newPort(String agent);

    /** The allow-listed human says {@code text} in {@code room}, a plain message without explicit mentions. */
    protected abstract void commanderSays(String room, String text);

    /** The allow-listed human says {@code text} in {@code room}, explicitly mentioning {@code agent}. */
    protected abstract void commanderMentions(String room, String agent, String text);

    /** A human who is not allow-listed says {@code text} in {@code room}. */
    protected abstract void strangerSays(String room, String text);

    /** The user id of the allow-listed human. */
    protected abstract String commanderId();

    /** The user id of {@code agent}'s account. */
    protected abstract String userIdOf(String agent);

    /**
     * Takes the chat server down (its data kept) until {@link #chatComesBack()}. By default the
     * tests that need it are skipped; override both to run them.
     */
    protected void chatGoesDown() {
        Assumptions.abort("this chat cannot be taken down by the test");
    }

    /** Brings the chat server back after {@link #chatGoesDown()}. */
    protected void chatComesBack() {
        Assumptions.abort("this chat cannot be taken down by the test");
    }

    /** An agent's port and a cursor after everything said before the test acts. */
    private record Seat(ChatPort port, String start) {
        List<ChatMessage> news() {
            return port.read(start).messages();
        }

        ChatMessage onlyNews() {
            List<ChatMessage> news = news();
            assertThat(news).hasSize(1);
            return news.get(0);
        }
    }

    private Seat seat(String agent) {
        ChatPort port = newPort(agent);
        return new Seat(port, port.read(null).nextCursor());
    }

    private static List<String> texts(List<ChatMessage> messages) {
        return messages.stream().map(ChatMessage::text).toList();
    }

    @Test
    public void readingSinceACursorReturnsEachMessageOnce() {
        Seat roy = seat(ROY);
        commanderSays(Rooms.BACKEND, "one");
        ChatBatch first = roy.port().read(roy.start());
        commanderSays(Rooms.BACKEND, "two");
        ChatBatch second = roy.port().read(first.nextCursor());
        ChatBatch third = roy.port().read(second.nextCursor());

        assertThat(texts(first.messages())).containsExactly("one");
        assertThat(texts(second.messages())).containsExactly("two");
        assertThat(third.messages()).isEmpty();
        assertThat(third.nextCursor()).isNotNull();
    }

    @Test
    public void theFirstReadHearsWhatWasSaidBeforeTheAgentFirstRan() {
        commanderSays(Rooms.BACKEND, "before roy existed");

        ChatBatch first = newPort(ROY).read(null);

        assertThat(texts(first.messages())).containsExactly("before roy existed");
    }

    @Test
    public void messagesCarryTheLogicalRoomAndSenderAndComeOldestFirst() {
        Seat roy = seat(ROY);
        commanderSays(Rooms.GENERAL, "morning all");
        commanderSays(Rooms.BACKEND, "build is red");

        List<ChatMessage> read = roy.news();

        assertThat(read).extracting(ChatMessage::room).containsExactly(Rooms.GENERAL, Rooms.BACKEND);
        assertThat(read).extracting(ChatMessage::sender).containsOnly(commanderId());
        assertThat(read).allMatch(ChatMessage::fromHuman);
    }

    @Test
    public void ownPostsAndOtherAgentsPostsAreNotHuman() {
        Seat roy = seat(ROY);
        Seat jen = seat(JEN);

        roy.port().post(Rooms.BACKEND, "roy: build fixed", "roy-post-1");

        ChatMessage seenByRoy = roy.onlyNews();
        ChatMessage seenByJen = jen.onlyNews();
        assertThat(seenByRoy.sender()).isEqualTo(userIdOf(ROY));
        assertThat(seenByRoy.fromHuman()).isFalse();
        assertThat(seenByRoy.addressedToMe()).as("a post is never addressed to its author").isFalse();
        assertThat(seenByJen.fromHuman()).isFalse();
        assertThat(seenByJen.mayCommand()).isFalse();
    }

    @Test
    public void anExplicitMentionAddressesOnlyTheMentionedAgent() {
        Seat roy = seat(ROY);
        Seat jen = seat(JEN);

        commanderMentions(Rooms.BACKEND, ROY, "please look at the failing build");

        assertThat(roy.onlyNews().addressedToMe()).isTrue();
        assertThat(jen.onlyNews().addressedToMe()).isFalse();
    }

    @Test
    public void aLeadingNameAddressesTheAgentAndIsStrippedForCommands() {
        Seat roy = seat(ROY);
        Seat jen = seat(JEN);

        commanderSays(Rooms.BACKEND, "roy: status");
        commanderSays(Rooms.BACKEND, "@roy pause");

        List<ChatMessage> toRoy = roy.news();
        assertThat(toRoy).allMatch(ChatMessage::addressedToMe);
        assertThat(toRoy).extracting(m -> m.textWithoutAddress(ROY)).containsExactly("status", "pause");
        assertThat(jen.news()).noneMatch(ChatMessage::addressedToMe);
    }

    @Test
    public void aMessageNamingNoAgentAddressesNobody() {
        Seat roy = seat(ROY);

        commanderSays(Rooms.GENERAL, "good morning team, royalties report is out");

        assertThat(roy.onlyNews().addressedToMe()).isFalse();
    }

    @Test
    public void aStrangerIsHumanButMayNotCommandWhileTheCommanderMay() {
        Seat roy = seat(ROY);

        strangerSays(Rooms.BACKEND, "roy: pause");
        commanderSays(Rooms.BACKEND, "roy: resume");

        List<ChatMessage> read = roy.news();
        assertThat(read).hasSize(2).allMatch(ChatMessage::fromHuman).allMatch(ChatMessage::addressedToMe);
        assertThat(read.get(0).mayCommand()).as("stranger").isFalse();
        assertThat(read.get(1).mayCommand()).as("commander").isTrue();
    }

    @Test
    public void aRepeatedPostWithTheSameKeyShowsOneMessage() {
        Seat jen = seat(JEN);
        ChatPort roy = newPort(ROY);

        roy.post(Rooms.BACKEND, "BLOCKED REQ-7", "turn-3:alert");
        roy.post(Rooms.BACKEND, "BLOCKED REQ-7", "turn-3:alert");
        newPort(ROY).post(Rooms.BACKEND, "BLOCKED REQ-7", "turn-3:alert");
        roy.post(Rooms.BACKEND, "BLOCKED REQ-7", "turn-4:alert");

        assertThat(texts(jen.news())).containsExactly("BLOCKED REQ-7", "BLOCKED REQ-7");
    }

    @Test
    public void theCursorSurvivesARestartWithNoReplayAndNoLoss() {
        Seat before = seat(ROY);
        commanderSays(Rooms.BACKEND, "handled before the restart");
        String stored = before.port().read(before.start()).nextCursor();
        commanderSays(Rooms.BACKEND, "said while roy was down");

        ChatPort after = newPort(ROY);

        assertThat(texts(after.read(stored).messages())).containsExactly("said while roy was down");
    }

    @Test
    public void aBurstOfMessagesArrivesCompleteAndInOrder() {
        Seat roy = seat(ROY);
        List<String> burst = IntStream.rangeClosed(1, 12).mapToObj(i -> "message " + i).toList();
        burst.forEach(t -> commanderSays(Rooms.BACKEND, t));

        assertThat(texts(roy.news())).containsExactlyElementsOf(burst);
    }

    @Test
    public void anOversizedPostIsCutToFitWithAVisibleMarker() {
        Seat jen = seat(JEN);
        String unit = "é\"\n\u0001😀 stack trace ";
        String huge = unit.repeat(70_000 / unit.length() + 1);

        newPort(ROY).post(Rooms.BACKEND, huge, "roy-9:alert");

        String shown = jen.onlyNews().text();
        assertThat(shown).isEqualTo(ChatLimits.fit(huge)).contains(ChatLimits.CUT_MARKER);
        assertThat(huge).startsWith(shown.substring(0, shown.indexOf(ChatLimits.CUT_MARKER)));
        assertThat(ChatLimits.encodedSize(shown)).isLessThanOrEqualTo(ChatLimits.MAX_POST_BYTES);
    }

    @Test
    public void aPostWhileTheChatIsDownFailsTransientlyAndGoesThroughOnceWhenItIsBack() {
        Seat jen = seat(JEN);
        ChatPort roy = newPort(ROY);
        ChatException failure;
        chatGoesDown();
        try {
            failure = catchThrowableOfType(ChatException.class,
                    () -> roy.post(Rooms.BACKEND, "BLOCKED REQ-8", "turn-5:alert"));
        } finally {
            chatComesBack();
        }
        roy.post(Rooms.BACKEND, "BLOCKED REQ-8", "turn-5:alert");
        roy.post(Rooms.BACKEND, "BLOCKED REQ-8", "turn-5:alert");

        assertThat(failure).isNotNull();
        assertThat(failure.kind()).isEqualTo(ChatException.Kind.UNAVAILABLE);
        assertThat(texts(jen.news())).containsExactly("BLOCKED REQ-8");
    }
}
