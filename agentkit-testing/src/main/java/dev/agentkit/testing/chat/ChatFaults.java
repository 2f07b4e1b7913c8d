package dev.agentkit.testing.chat;

import dev.agentkit.core.chat.ChatException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** The faults scripted on one {@link InMemoryChat}; guarded by the chat's lock. */
final class ChatFaults {
    private final Deque<ChatFault> nextPosts = new ArrayDeque<>();
    private final Deque<ChatFault> nextReads = new ArrayDeque<>();
    private final Map<String, ChatFault> rooms = new HashMap<>();
    private boolean down;
    private int postAttempts;

    void down(boolean isDown) {
        down = isDown;
    }

    void refuseNextPosts(int n, ChatFault fault) {
        enqueue(nextPosts, n, fault);
    }

    void failNextReads(int n, ChatFault fault) {
        enqueue(nextReads, n, fault);
    }

    private static void enqueue(Deque<ChatFault> queue, int n, ChatFault fault) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be positive, was " + n);
        }
        Objects.requireNonNull(fault, "fault");
        for (int i = 0; i < n; i++) {
            queue.add(fault);
        }
    }

    void refusePostsTo(String room, ChatFault fault) {
        rooms.put(Objects.requireNonNull(room, "room"), Objects.requireNonNull(fault, "fault"));
    }

    void acceptPostsTo(String room) {
        rooms.remove(room);
    }

    void clear() {
        nextPosts.clear();
        nextReads.clear();
        rooms.clear();
        down = false;
    }

    int postAttempts() {
        return postAttempts;
    }

    /** Throws the fault a post to {@code room} meets now, if any: down first, then the room's, then the next scripted. */
    void checkPost(String room) {
        postAttempts++;
        requireUp();
        ChatFault fault = rooms.get(room);
        if (fault == null) {
            fault = nextPosts.poll();
        }
        if (fault != null) {
            throw fault.toException("post to " + room);
        }
    }

    /** Throws the fault a read meets now, if any. */
    void checkRead() {
        requireUp();
        ChatFault fault = nextReads.poll();
        if (fault != null) {
            throw fault.toException("read");
        }
    }

    private void requireUp() {
        if (down) {
            throw new ChatException(ChatException.Kind.UNAVAILABLE,
                    "the in-memory chat is down (InMemoryChat.down(true))");
        }
    }
}
