package dev.agentkit.core.turn;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.Delivery;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The turn's fetches, with transient broker failures retried within one bound for the whole turn
 * ({@link AgentConfig#brokerRetry()}, cut short by the turn's deadline). A first fetch never waits;
 * after a transient failure, each retry (after a short pause) lets the broker wait up to {@link #RETRY_WAIT} for the
 * consumer to answer again, so a failover on a cluster (a leader being elected, a server lost)
 * costs the turn its duration instead of ending it. A permanent failure, or a transient one that
 * outlasts the bound, is thrown. Each retry is logged. Confined to the turn's thread.
 */
final class FetchRetry {
    private static final Logger log = LoggerFactory.getLogger(FetchRetry.class);
    /** How long one retry lets the broker wait for the consumer to answer. */
    static final Duration RETRY_WAIT = Duration.ofSeconds(1);
    /** The pause before a retry, so a broker that fails at once is not asked in a tight loop. */
    static final Duration PAUSE = Duration.ofMillis(100);

    private final Broker broker;
    private final String agent;
    private long budgetNanos;

    /** Retries fetches of {@code broker} for agent {@code agent} for up to {@code bound} in all. */
    FetchRetry(Broker broker, String agent, Duration bound) {
        this.broker = broker;
        this.agent = agent;
        this.budgetNanos = bound.toNanos();
    }

    /** Limits what is left of the bound to {@code left}: the turn's deadline comes first. */
    void atMost(Duration left) {
        budgetNanos = Math.min(budgetNanos, Math.max(0, left.toNanos()));
    }

    /** Up to {@code max} deliveries of {@code ref} available now; empty when there are none. */
    List<Delivery> fetch(ConsumerRef ref, int max) {
        BrokerException failure;
        try {
            return broker.fetch(ref, max, Duration.ZERO);
        } catch (BrokerException e) {
            failure = e;
        }
        long started = System.nanoTime();
        for (int attempt = 2; ; attempt++) {
            long left = budgetNanos - (System.nanoTime() - started);
            if (!failure.isTransient() || left <= 0) {
                spend(started);
                throw failure;
            }
            if (attempt == 2) {
                log.warn("{} could not fetch from {}, retrying for up to {} ms: {}", agent, ref,
                        Duration.ofNanos(budgetNanos).toMillis(), failure.getMessage());
            } else {
                log.debug("{} could not fetch from {} (attempt {}): {}", agent, ref, attempt - 1, failure.getMessage());
            }
            LockSupport.parkNanos(Math.min(left, PAUSE.toNanos()));
            left = budgetNanos - (System.nanoTime() - started);
            try {
                List<Delivery> batch = broker.fetch(ref, max,
                        Duration.ofNanos(Math.max(0, Math.min(left, RETRY_WAIT.toNanos()))));
                log.info("{} fetches from {} again, after {} ms and {} attempts", agent, ref, spend(started), attempt);
                return batch;
            } catch (BrokerException e) {
                failure = e;
            }
        }
    }

    private long spend(long started) {
        long spent = System.nanoTime() - started;
        budgetNanos = Math.max(0, budgetNanos - spent);
        return Duration.ofNanos(spent).toMillis();
    }
}
