package dev.agentkit.nats.kv;

import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.nats.NatsFailures;
import io.nats.client.JetStreamApiException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a KV operation whose failure is transient (a lost server, a bucket leader being
 * elected on a cluster) until a bounded deadline, logging each retry; a lasting or permanent
 * failure becomes a {@link BrokerException}. Used by {@link KvProcessedStore}, where a mark lost
 * to a failover would let an applied item be applied again, and {@link KvStateStore}, so a turn
 * waits out a failover instead of failing.
 */
final class KvRetry {
    private static final Logger log = LoggerFactory.getLogger(KvRetry.class);
    /** How long a transient failure is retried: about as long as a JetStream leader election takes. */
    static final Duration BOUND = Duration.ofSeconds(15);
    private static final long PAUSE_NANOS = Duration.ofMillis(250).toNanos();

    private KvRetry() {
    }

    /** A KV call that may throw jnats' checked exceptions. */
    @FunctionalInterface
    interface Call<T> {
        T run() throws IOException, JetStreamApiException;
    }

    /** Runs {@code call}, retrying transient failures for up to {@link #BOUND}; {@code action} names it in logs and errors. */
    static <T> T call(String action, Call<T> call) {
        long started = System.nanoTime();
        int attempt = 1;
        while (true) {
            try {
                T result = call.run();
                if (attempt > 1) {
                    log.info("{} succeeded on attempt {}, after {} ms", action, attempt,
                            Duration.ofNanos(System.nanoTime() - started).toMillis());
                }
                return result;
            } catch (IOException | JetStreamApiException | IllegalStateException e) {
                BrokerException failure = NatsFailures.wrap(action, e);
                if (!failure.isTransient() || System.nanoTime() - started > BOUND.toNanos()) {
                    throw failure;
                }
                if (attempt == 1) {
                    log.warn("{} failed transiently, retrying for up to {} s: {}", action, BOUND.toSeconds(),
                            failure.getMessage());
                } else {
                    log.debug("{} failed (attempt {}): {}", action, attempt, failure.getMessage());
                }
                attempt++;
                LockSupport.parkNanos(PAUSE_NANOS);
            }
        }
    }
}
