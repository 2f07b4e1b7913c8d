package dev.agentkit.testing.matrix;

import dev.agentkit.core.AgentkitException;

/**
 * Synapse could not be installed, started, stopped or asked to register a user. Thrown by
 * {@link SynapseServer}; {@link SynapseExtension} turns it into a skip, or a failure under
 * {@code CI=true}.
 */
public class SynapseUnavailableException extends AgentkitException {
    private static final long serialVersionUID = 1L;

    public SynapseUnavailableException(String message) {
        super(message);
    }

    public SynapseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
