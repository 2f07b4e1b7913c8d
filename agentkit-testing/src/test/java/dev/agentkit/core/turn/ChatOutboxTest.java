package dev.agentkit.core.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.chat.ChatLimits;
import dev.agentkit.core.chat.Rooms;
import dev.agentkit.core.internal.message.Json;
import dev.agentkit.core.store.InMemoryStateStore;
import dev.agentkit.testing.VirtualClock;
import dev.agentkit.testing.chat.ChatFault;
import dev.agentkit.testing.chat.InMemoryChat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The chat outbox on an {@link InMemoryChat} with scripted faults (issue 15, scenario 5): no
 * head-of-line blocking, refused posts dropped, kept posts bounded. Lives in the outbox's package
 * (in agentkit-testing, which has the fake chat) because the outbox is internal to the turn.
 */
class ChatOutboxTest {
    private final InMemoryChat chat = new InMemoryChat(new VirtualClock());
    private final AgentState state = AgentState.load(new InMemoryStateStore(), "roy");

    /** The outbox of a new turn on the same agent state. */
    private ChatOutbox nextTurn() {
        return new ChatOutbox(chat.portFor("roy"), state.internal());
    }

    private List<Object> kept() {
        return state.internal().get(ChatOutbox.PENDING_KEY).map(json -> Json.read(json, List.class)).map(l -> (List<Object>) l)
                .orElse(List.of());
    }

    private int keptBytes() {
        return state.internal().get(ChatOutbox.PENDING_KEY).map(ChatLimits::encodedSize).orElse(0);
    }

    @Test
    void aPostTheChatRefusesForGoodIsDroppedAndTheNextPostsGoOut() {
        ChatOutbox outbox = nextTurn();
        chat.refuseNextPost(ChatFault.tooLarge());

        assertThat(outbox.post(Rooms.ALERTS, "roy: a huge stack trace", "roy-1:post:1")).isEqualTo(ChatOutbox.Sent.DROPPED);
        assertThat(outbox.post(Rooms.ALERTS, "roy: BLOCKED REQ-2", "roy-1:post:2")).isEqualTo(ChatOutbox.Sent.POSTED);
        assertThat(nextTurn().post(Rooms.ALERTS, "roy: BLOCKED REQ-3", "roy-2:post:1")).isEqualTo(ChatOutbox.Sent.POSTED);

        assertThat(chat.texts(Rooms.ALERTS)).containsExactly("roy: BLOCKED REQ-2", "roy: BLOCKED REQ-3");
        assertThat(kept()).isEmpty();
        assertThat(outbox.failure()).hasValueSatisfying(f -> assertThat(f).contains("413 M_TOO_LARGE"));
    }

    @Test
    void aSeventyKilobytePostIsCutWithAMarkerBeforeItIsSent() {
        String huge = "x".repeat(70_000);

        nextTurn().post(Rooms.ALERTS, huge, "roy-1:post:1");

        String posted = chat.texts(Rooms.ALERTS).get(0);
        assertThat(posted).startsWith("xxxx").contains(ChatLimits.CUT_MARKER).endsWith("the text had 70000 bytes]");
        assertThat(ChatLimits.encodedSize(posted)).isLessThanOrEqualTo(ChatLimits.MAX_POST_BYTES);
    }

    @Test
    void aRoomThatCannotTakePostsNowHoldsBackOnlyItsOwnPostsAndKeepsTheirOrder() {
        chat.refusePostsTo(Rooms.ALERTS, ChatFault.roomUnavailable());
        ChatOutbox outbox = nextTurn();

        List<ChatOutbox.Sent> sent = new ArrayList<>();
        sent.add(outbox.post(Rooms.ALERTS, "first alert", "k1"));
        sent.add(outbox.post(Rooms.BACKEND, "status", "k2"));
        sent.add(outbox.post(Rooms.ALERTS, "second alert", "k3"));
        int attempts = chat.postAttempts();
        chat.acceptPostsTo(Rooms.ALERTS);
        ChatOutbox later = nextTurn();
        ChatOutbox.Sent third = later.post(Rooms.ALERTS, "third alert", "k4");

        assertThat(sent).containsExactly(ChatOutbox.Sent.KEPT, ChatOutbox.Sent.POSTED, ChatOutbox.Sent.KEPT);
        assertThat(attempts).as("the room is not tried again in the same turn").isEqualTo(2);
        assertThat(third).isEqualTo(ChatOutbox.Sent.POSTED);
        assertThat(chat.texts(Rooms.BACKEND)).containsExactly("status");
        assertThat(chat.texts(Rooms.ALERTS)).containsExactly("first alert", "second alert", "third alert");
        assertThat(kept()).isEmpty();
    }

    @Test
    void aChatThatIsDownIsTriedOncePerTurnAndTheKeptPostsGoOutOnceInOrderWhenItIsBack() {
        chat.down(true);
        ChatOutbox down = nextTurn();
        down.flushPending();
        IntStream.rangeClosed(1, 3).forEach(i -> down.post(i == 2 ? Rooms.BACKEND : Rooms.ALERTS, "post " + i, "k" + i));
        int attemptsWhileDown = chat.postAttempts();
        chat.down(false);
        nextTurn().flushPending();
        nextTurn().flushPending();

        assertThat(attemptsWhileDown).isEqualTo(1);
        assertThat(chat.texts(Rooms.ALERTS)).containsExactly("post 1", "post 3");
        assertThat(chat.texts(Rooms.BACKEND)).containsExactly("post 2");
        assertThat(kept()).isEmpty();
    }

    @Test
    void aTransientRefusalKeepsThePostWithItsKeySoItShowsOnce() {
        chat.refuseNextPost(ChatFault.rateLimited());
        ChatOutbox.Sent first = nextTurn().post(Rooms.ALERTS, "DEAD LETTER REQ-9", "dead:REQ-9");
        ChatOutbox later = nextTurn();
        later.flushPending();
        later.post(Rooms.ALERTS, "DEAD LETTER REQ-9", "dead:REQ-9");

        assertThat(first).isEqualTo(ChatOutbox.Sent.KEPT);
        assertThat(chat.texts(Rooms.ALERTS)).containsExactly("DEAD LETTER REQ-9");
    }

    @Test
    void keptPostsAreBoundedInCountDroppingTheOldest() {
        chat.down(true);
        ChatOutbox outbox = nextTurn();
        IntStream.rangeClosed(1, ChatLimits.MAX_KEPT_POSTS + 50).forEach(i -> outbox.post(Rooms.BACKEND, "status " + i, "k" + i));
        chat.down(false);
        nextTurn().flushPending();

        List<String> posted = chat.texts(Rooms.BACKEND);
        assertThat(posted).hasSize(ChatLimits.MAX_KEPT_POSTS).startsWith("status 51").endsWith("status 150");
    }

    @Test
    void keptPostsAreBoundedInBytesSoTheAgentStateStaysSmall() {
        chat.down(true);
        ChatOutbox outbox = nextTurn();
        for (int i = 1; i <= 8; i++) {
            outbox.post(Rooms.ALERTS, i + " " + "trace line\n".repeat(7_000), "roy-" + i + ":post:1");
        }

        assertThat(kept()).hasSizeLessThanOrEqualTo(2);
        assertThat(keptBytes()).isLessThan(ChatLimits.MAX_KEPT_BYTES + 10_000);
    }

    @Test
    void aBacklogKeptByAnOlderVersionIsCutAndTrimmedWhenLoaded() {
        List<Map<String, String>> old = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            old.add(Map.of("room", Rooms.ALERTS, "text", i + " " + "y".repeat(70_000), "key", "k" + i));
        }
        state.internal().put(ChatOutbox.PENDING_KEY, Json.writeString(old));

        nextTurn().flushPending();

        List<String> posted = chat.texts(Rooms.ALERTS);
        assertThat(posted).hasSize(2).allSatisfy(t -> assertThat(t).contains(ChatLimits.CUT_MARKER));
        assertThat(posted.get(1)).startsWith("7 ");
        assertThat(kept()).isEmpty();
    }
}
