package dev.agentkit.nats.kv;

import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.internal.broker.RetryPolicy;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.nats.internal.NatsFailures;
import io.nats.client.JetStreamApiException;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a KV operation whose failure is transient (a lost server, a bucket leader being
 * elected on a cluster) until a bounded deadline, logging each retry; a lasting or permanent
 * failure becomes a {@link BrokerException}. Used by {@link KvProcessedStore}, where a mark lost
 * to a failover would let an applied item be applied again, and {@link KvStateStore}, so a turn
 * waits out a failover instead of failing. The retries follow a {@link RetryPolicy} on the system
 * clock: the server's time is real, whatever clock stamps the entries.
 */
final class KvRetry {
    private static final Logger log = LoggerFactory.getLogger(KvRetry.class);
    /** How long a transient failure is retried: about as long as a JetStream leader election takes. */
    static final Duration BOUND = Duration.ofSeconds(15);
    private static final RetryPolicy POLICY = RetryPolicy.of(BOUND, Duration.ofMillis(250)).loggingTo(log);

    private KvRetry() {
    }

    /** A KV call that may throw jnats' checked exceptions. */
    @FunctionalInterface
    interface Call<T> {
        T run() throws IOException, JetStreamApiException;
    }

    /** Runs {@code call}, retrying transient failures for up to {@link #BOUND}; {@code action} names it in logs and errors. */
    static <T> T call(String action, Call<T> call) {
        return call(action, BOUND, call);
    }

    /** As {@link #call(String, Call)}, retrying for up to {@code bound} (what is left of a caller's bound). */
    static <T> T call(String action, Duration bound, Call<T> call) {
        return POLICY.withBound(bound).run(AgentClock.system(), action, () -> {
            try {
                return call.run();
            } catch (IOException | JetStreamApiException | IllegalStateException e) {
                throw NatsFailures.wrap(action, e);
            }
        });
    }
}
