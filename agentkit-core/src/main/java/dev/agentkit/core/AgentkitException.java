package dev.agentkit.core;

/**
 * The root of every exception agentkit throws: unchecked, with a message that names the bad input
 * and never carries a secret. Catch this to handle any agentkit failure in one place.
 */
public class AgentkitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AgentkitException(String message) {
        super(message);
    }

    public AgentkitException(String message, Throwable cause) {
        super(message, cause);
    }
}
