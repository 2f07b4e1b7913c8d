package dev.agentkit.core.broker;

import dev.agentkit.core.AgentkitException;

/**
 * A broker operation failed: the server refused it, could not be reached in time, or the named
 * stream or consumer does not exist. {@link #isTransient()} says whether retrying later may help
 * (a lost connection, a leader election) or not (a bad configuration).
 */
public class BrokerException extends AgentkitException {
    private static final long serialVersionUID = 1L;
    private final boolean transientFailure;

    public BrokerException(String message, boolean transientFailure) {
        super(message);
        this.transientFailure = transientFailure;
    }

    public BrokerException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    /** Whether the same call may succeed later without any change. */
    public boolean isTransient() {
        return transientFailure;
    }
}
