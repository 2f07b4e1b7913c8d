package dev.agentkit.nats.internal;

import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.nats.JetStreamBroker;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamStatusCheckedException;
import java.io.IOException;

/**
 * Turns jnats' checked exceptions into {@link BrokerException}s that say what was being done and
 * whether retrying may help. Used by {@link JetStreamBroker} and the KV stores and leases.
 *
 * <p>Transient: I/O failures and timeouts (a lost connection, a restarting server), JetStream
 * 408/503 replies and leader elections. Not transient: JetStream API refusals (bad config,
 * missing stream or consumer, wrong revision), a closed connection.
 */
public final class NatsFailures {
    /** JetStream API error: a consumer does not exist. */
    public static final int CONSUMER_NOT_FOUND = 10014;
    /** JetStream API error: no message at that sequence. */
    public static final int NO_MESSAGE_FOUND = 10037;
    /** JetStream API error: a stream does not exist. */
    public static final int STREAM_NOT_FOUND = 10059;
    /** JetStream API error: stream subjects overlap another stream's. */
    public static final int SUBJECTS_OVERLAP = 10065;
    /** JetStream API error: wrong last sequence (a KV create on an existing key, a stale revision). */
    public static final int WRONG_LAST_SEQUENCE = 10071;
    /** JetStream API error: a work-queue consumer's filter overlaps another's. */
    public static final int WORK_QUEUE_FILTER_OVERLAP = 10100;

    private NatsFailures() {
    }

    /** A {@link BrokerException} for {@code e}, raised while doing {@code action} (e.g. "fetch from S/c"). */
    public static BrokerException wrap(String action, Exception e) {
        if (e instanceof BrokerException b) {
            return b;
        }
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new BrokerException(action + ": interrupted", true, e);
        }
        return new BrokerException(action + ": " + describe(e), isTransient(e), e);
    }

    /** Whether retrying the failed operation later, unchanged, may succeed. */
    public static boolean isTransient(Exception e) {
        if (e instanceof JetStreamApiException api) {
            int code = api.getErrorCode();
            return code == 408 || code == 503;
        }
        if (e instanceof JetStreamStatusCheckedException) {
            return true;
        }
        if (e instanceof IllegalStateException) {
            // jnats: "Connection is Closed" and similar: the connection will not come back by itself
            return false;
        }
        return e instanceof IOException || e instanceof java.util.concurrent.TimeoutException;
    }

    /** Whether {@code e} is the JetStream API error {@code apiErrorCode}. */
    public static boolean isApiError(Exception e, int apiErrorCode) {
        return e instanceof JetStreamApiException api && api.getApiErrorCode() == apiErrorCode;
    }

    private static String describe(Exception e) {
        if (e instanceof JetStreamApiException api) {
            return api.getErrorDescription() + " (JetStream error " + api.getApiErrorCode() + ", status "
                    + api.getErrorCode() + ")";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
