package dev.agentkit.core.message;

import dev.agentkit.core.AgentkitException;

/**
 * Thrown when a message can never be processed: its body is not JSON, or lacks what the agent
 * needs. The turn terminates such a message at once and dead-letters it with this exception's
 * message as the reason; it is never retried. Agents throw it from {@code processWork} when a
 * required field is missing.
 */
public class PoisonMessageException extends AgentkitException {
    private static final long serialVersionUID = 1L;

    public PoisonMessageException(String message) {
        super(message);
    }
}
