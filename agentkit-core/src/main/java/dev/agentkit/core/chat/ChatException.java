package dev.agentkit.core.chat;

import dev.agentkit.core.AgentkitException;
import java.util.Objects;

/**
 * A chat operation failed, with its {@link Kind}: whether trying again later can help and how
 * much of the chat the failure concerns. The turn cycle catches it, records it in the turn report
 * and goes on with its broker work; its chat outbox keeps a post that failed for a
 * {@linkplain Kind#isTransient() transient} reason for a later turn and drops one that was
 * {@linkplain Kind#REFUSED refused}. Thrown by every {@link ChatPort}; {@code MatrixChatPort}
 * classifies by HTTP status and Matrix errcode, {@code InMemoryChat} by its scripted faults.
 */
public class ChatException extends AgentkitException {
    private static final long serialVersionUID = 1L;

    /** What a failure means for the post (or read) that met it. */
    public enum Kind {
        /**
         * The chat as a whole cannot serve now: the server is unreachable or timed out, answered
         * 5xx, rate-limited past its wait, or the account cannot log in. Try again later; other
         * rooms would fail the same way.
         */
        UNAVAILABLE,
        /**
         * One room cannot take posts now (it does not exist yet, or the agent is not in it and
         * cannot join): try again later; other rooms are not affected.
         */
        ROOM_UNAVAILABLE,
        /**
         * The server refused this request for good (too large, malformed, forbidden, a room that
         * is not configured): sending it again, as it is, fails again.
         */
        REFUSED;

        /** Whether trying the same request again later may succeed. */
        public boolean isTransient() {
            return this != REFUSED;
        }
    }

    private final Kind kind;

    /** A failure of kind {@link Kind#UNAVAILABLE}, the kind of a chat server that is down. */
    public ChatException(String message) {
        this(Kind.UNAVAILABLE, message);
    }

    /** A failure of kind {@link Kind#UNAVAILABLE}, the kind of a chat server that is down. */
    public ChatException(String message, Throwable cause) {
        this(Kind.UNAVAILABLE, message, cause);
    }

    /** A failure of {@code kind}; {@code message} must not contain a secret. */
    public ChatException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** A failure of {@code kind} caused by {@code cause}; {@code message} must not contain a secret. */
    public ChatException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** What the failure means: {@link Kind#UNAVAILABLE}, {@link Kind#ROOM_UNAVAILABLE} or {@link Kind#REFUSED}. */
    public Kind kind() {
        return kind;
    }

    /** Whether trying the same request again later may succeed (every kind but {@link Kind#REFUSED}). */
    public boolean isTransient() {
        return kind.isTransient();
    }

    /** Whether the server refused this request for good ({@link Kind#REFUSED}). */
    public boolean isPermanent() {
        return !kind.isTransient();
    }
}
