package dev.agentkit.core.turn;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.agentkit.core.chat.ChatException;
import dev.agentkit.core.chat.ChatLimits;
import dev.agentkit.core.chat.ChatPort;
import dev.agentkit.core.internal.message.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts for one turn, without head-of-line blocking. Every post is cut to fit
 * ({@link ChatLimits#fit}). A post that fails for a transient reason is kept in the agent's state
 * and sent, with the same idempotency key, at the start of a later turn, so an alert is not lost
 * because the homeserver was down; a post the server refuses for good is dropped with one WARN.
 *
 * <p>Waiting is decided per room: posts to one room keep their order, so a post waits while an
 * older post to its room is kept, and a room that fails ({@link ChatException.Kind#ROOM_UNAVAILABLE})
 * is not tried again in this turn, but other rooms go on. A failure of the whole chat
 * ({@link ChatException.Kind#UNAVAILABLE}) stops every post of this turn, so a server that is down
 * costs one timeout per turn, not one per post. What is kept is bounded by
 * {@link ChatLimits#MAX_KEPT_POSTS} and {@link ChatLimits#MAX_KEPT_BYTES}: past them the oldest
 * kept posts are dropped, with one log line.
 */
final class ChatOutbox {
    private static final Logger log = LoggerFactory.getLogger(ChatOutbox.class);
    static final String PENDING_KEY = "chat.pending";
    private static final TypeReference<List<Post>> POSTS = new TypeReference<>() {
    };

    /** What became of a post. */
    enum Sent {
        /** The chat took it. */
        POSTED,
        /** It waits in the agent's state for a later turn. */
        KEPT,
        /** The chat refused it for good; it is gone. */
        DROPPED
    }

    record Post(String room, String text, String key) {
        Post fitted() {
            String fit = ChatLimits.fit(text);
            return fit.equals(text) ? this : new Post(room, fit, key);
        }

        int bytes() {
            return ChatLimits.encodedSize(room) + ChatLimits.encodedSize(text) + ChatLimits.encodedSize(key);
        }
    }

    private final ChatPort chat;
    private final AgentState.Internal state;
    private final List<Post> pending = new ArrayList<>();
    private final Set<String> waitingRooms = new HashSet<>();
    private boolean chatUnavailable;
    private String failure;

    /** The outbox of one turn; kept posts live in agentkit's section of the agent's state. */
    ChatOutbox(ChatPort chat, AgentState.Internal state) {
        this.chat = chat;
        this.state = state;
        state.get(PENDING_KEY).map(json -> Json.mapper().convertValue(Json.read(json, List.class), POSTS))
                .orElse(List.of()).forEach(p -> pending.add(p.fitted()));
        trimToBounds();
    }

    /** Sends the posts kept from earlier turns, oldest first, each room's in order. */
    void flushPending() {
        flush();
        persist();
    }

    /**
     * Posts now, or keeps the post for a later turn when the chat or its room cannot take it now
     * (or an older post to its room still waits); drops it if the chat refuses it for good.
     */
    Sent post(String room, String text, String key) {
        Post p = new Post(room, text, key).fitted();
        flush();
        Sent sent = pending.stream().anyMatch(k -> k.room().equals(room)) ? Sent.KEPT : attempt(p);
        if (sent == Sent.KEPT) {
            pending.add(p);
            trimToBounds();
            log.info("kept a post to {} for a later turn ({} waiting)", room, pending.size());
        }
        persist();
        return sent;
    }

    private void flush() {
        for (Iterator<Post> it = pending.iterator(); it.hasNext(); ) {
            if (attempt(it.next()) != Sent.KEPT) {
                it.remove();
            }
        }
    }

    private Sent attempt(Post p) {
        if (chatUnavailable || waitingRooms.contains(p.room())) {
            return Sent.KEPT;
        }
        try {
            chat.post(p.room(), p.text(), p.key());
            return Sent.POSTED;
        } catch (ChatException e) {
            noteFailure(e.getMessage());
            return failed(p, e.kind(), e.getMessage());
        } catch (RuntimeException e) {
            String message = "the chat port failed with " + e.getClass().getName() + ": " + e.getMessage();
            noteFailure(message);
            return failed(p, ChatException.Kind.UNAVAILABLE, message);
        }
    }

    /** The first failure of the chat in this turn, if any. */
    Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    private void noteFailure(String message) {
        if (failure == null) {
            failure = message;
        }
    }

    private Sent failed(Post p, ChatException.Kind kind, String message) {
        switch (kind) {
            case REFUSED -> {
                log.warn("dropped a post to {} (key {}, {} bytes) that the chat refuses for good: {}", p.room(),
                        p.key(), ChatLimits.encodedSize(p.text()), message);
                return Sent.DROPPED;
            }
            case ROOM_UNAVAILABLE -> {
                waitingRooms.add(p.room());
                log.warn("room {} cannot take posts now; its posts wait for a later turn: {}", p.room(), message);
                return Sent.KEPT;
            }
            default -> {
                chatUnavailable = true;
                log.warn("the chat is unavailable; posts wait for a later turn: {}", message);
                return Sent.KEPT;
            }
        }
    }

    private void trimToBounds() {
        int bytes = pending.stream().mapToInt(Post::bytes).sum();
        int dropped = 0;
        Post first = null;
        while (!pending.isEmpty() && (pending.size() > ChatLimits.MAX_KEPT_POSTS || bytes > ChatLimits.MAX_KEPT_BYTES)) {
            Post oldest = pending.remove(0);
            first = first == null ? oldest : first;
            bytes -= oldest.bytes();
            dropped++;
        }
        if (dropped > 0) {
            log.warn("dropped the {} oldest kept posts (the first to {}, key {}) to keep at most {} posts and {} bytes",
                    dropped, first.room(), first.key(), ChatLimits.MAX_KEPT_POSTS, ChatLimits.MAX_KEPT_BYTES);
        }
    }

    private void persist() {
        if (pending.isEmpty()) {
            state.remove(PENDING_KEY);
        } else {
            state.put(PENDING_KEY, Json.writeString(pending));
        }
    }
}
