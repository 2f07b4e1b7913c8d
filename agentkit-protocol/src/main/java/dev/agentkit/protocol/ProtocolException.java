package dev.agentkit.protocol;

import dev.agentkit.core.AgentkitException;

/**
 * A peer broke the protocol's wire contract (a chunk or envelope of the wrong shape), or a
 * request cannot be sent as the protocol requires. Thrown by the codecs of this package.
 */
public class ProtocolException extends AgentkitException {
    private static final long serialVersionUID = 1L;

    /** An exception saying what was wrong. */
    public ProtocolException(String message) {
        super(message);
    }
}
