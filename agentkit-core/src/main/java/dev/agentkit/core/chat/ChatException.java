package dev.agentkit.core.chat;

import dev.agentkit.core.AgentkitException;

/**
 * A chat operation failed: the server is down, refused, or rate-limited past the retry budget.
 * The turn cycle catches it, records it in the turn report, keeps unposted alerts for a later
 * turn, and goes on with its broker work.
 */
public class ChatException extends AgentkitException {
    private static final long serialVersionUID = 1L;

    public ChatException(String message) {
        super(message);
    }

    public ChatException(String message, Throwable cause) {
        super(message, cause);
    }
}
