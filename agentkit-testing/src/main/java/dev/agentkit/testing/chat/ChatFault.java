package dev.agentkit.testing.chat;

import dev.agentkit.core.chat.ChatException;
import java.util.Objects;

/**
 * A failure {@link InMemoryChat} is scripted to answer with, the way MockWebServer's socket
 * policies script an HTTP peer: its {@link ChatException.Kind}, the code a homeserver would send
 * and a reason. The factories name the answers a real Synapse gives; {@link #of} makes any other.
 *
 * <pre>{@code
 * chat.refuseNextPost(ChatFault.tooLarge());           // as Synapse's 413 M_TOO_LARGE
 * chat.refusePostsTo("alerts", ChatFault.forbidden());  // every post there, until acceptPostsTo("alerts")
 * chat.failNextReads(2, ChatFault.unavailable());       // the next two reads, as a 503
 * }</pre>
 *
 * @param kind   what the failure means for the post or read
 * @param code   the status and errcode a homeserver would answer, e.g. {@code 413 M_TOO_LARGE}
 * @param reason the server's words
 */
public record ChatFault(ChatException.Kind kind, String code, String reason) {
    public ChatFault {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
    }

    /** Any fault. */
    public static ChatFault of(ChatException.Kind kind, String code, String reason) {
        return new ChatFault(kind, code, reason);
    }

    /** The post is too large for the server, for good: Synapse's {@code 413 M_TOO_LARGE}. */
    public static ChatFault tooLarge() {
        return of(ChatException.Kind.REFUSED, "413 M_TOO_LARGE", "event too large");
    }

    /** The agent may not post there, for good: Synapse's {@code 403 M_FORBIDDEN}. */
    public static ChatFault forbidden() {
        return of(ChatException.Kind.REFUSED, "403 M_FORBIDDEN", "you don't have permission to post that to the room");
    }

    /** The server cannot serve now: a {@code 503}. */
    public static ChatFault unavailable() {
        return of(ChatException.Kind.UNAVAILABLE, "503", "service unavailable");
    }

    /** Rate-limited past the client's waits: {@code 429 M_LIMIT_EXCEEDED}. */
    public static ChatFault rateLimited() {
        return of(ChatException.Kind.UNAVAILABLE, "429 M_LIMIT_EXCEEDED", "too many requests");
    }

    /** The room cannot be joined now, as a room whose alias nobody created yet: {@code 404 M_NOT_FOUND} on join. */
    public static ChatFault roomUnavailable() {
        return of(ChatException.Kind.ROOM_UNAVAILABLE, "404 M_NOT_FOUND", "room alias not found");
    }

    /** The exception a port throws for this fault met by {@code what} (e.g. {@code post to alerts}). */
    ChatException toException(String what) {
        return new ChatException(kind, "InMemoryChat " + what + " failed: " + code + " (" + reason + "; scripted fault)");
    }
}
