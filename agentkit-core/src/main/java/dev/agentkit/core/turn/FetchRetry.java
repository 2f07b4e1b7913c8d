package dev.agentkit.core.turn;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.broker.Pulls;
import dev.agentkit.core.internal.broker.RetryPolicy;
import dev.agentkit.core.time.AgentClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The turn's fetches, with transient broker failures retried by one {@link RetryPolicy} within
 * one bound for the whole turn ({@link AgentConfig#brokerRetry()}, cut short by the turn's
 * deadline), on the runtime's clock. A first fetch never waits; after a transient failure, each
 * retry (after a short pause) lets the broker wait up to {@link #RETRY_WAIT} for the consumer to
 * answer again, so a failover on a cluster (a leader being elected, a server lost) costs the turn
 * its duration instead of ending it. A permanent failure, or a transient one that outlasts the
 * bound, is thrown. Each retry is logged. Confined to the turn's thread.
 */
final class FetchRetry {
    private static final Logger log = LoggerFactory.getLogger(FetchRetry.class);
    /** How long one retry lets the broker wait for the consumer to answer. */
    static final Duration RETRY_WAIT = Duration.ofSeconds(1);
    /** The pause before a retry, so a broker that fails at once is not asked in a tight loop. */
    static final Duration PAUSE = Duration.ofMillis(100);
    private static final RetryPolicy POLICY = RetryPolicy.of(Duration.ZERO, PAUSE).loggingTo(log);

    private final Broker broker;
    private final AgentClock clock;
    private final String agent;
    private Duration budget;
    private boolean retried;

    /** Retries fetches of {@code broker} for agent {@code agent} for up to {@code bound} in all, timed by {@code clock}. */
    FetchRetry(Broker broker, AgentClock clock, String agent, Duration bound) {
        this.broker = broker;
        this.clock = clock;
        this.agent = agent;
        this.budget = bound;
    }

    /** Limits what is left of the bound to {@code left}: the turn's deadline comes first. */
    void atMost(Duration left) {
        Duration l = left.isNegative() ? Duration.ZERO : left;
        budget = l.compareTo(budget) < 0 ? l : budget;
    }

    /** The pulls of {@code ref} for this turn ({@link Broker#pulls}). */
    Pulls pulls(ConsumerRef ref) {
        return broker.pulls(ref);
    }

    /** Up to {@code max} deliveries of {@code ref} available now; empty when there are none. */
    List<Delivery> fetch(ConsumerRef ref, int max) {
        List<Delivery> got = new ArrayList<>();
        fetch(Pulls.oneAtATime(broker, ref), ref.toString(), max, 0, got::addAll);
        return got;
    }

    /**
     * Up to {@code max} deliveries available now from {@code pulls}, handed to {@code arrived} as
     * they come (see {@link Pulls#fetch}), asking for the next {@code ahead} meanwhile; how many
     * there were. A failure after some were handed over is not retried: it is thrown.
     */
    int fetch(Pulls pulls, String what, int max, int ahead, Consumer<List<Delivery>> arrived) {
        long started = clock.nanoTime();
        retried = false;
        int[] handed = {0};
        long[] answered = {0}; // when the first deliveries came: the time spent on them is not the broker's
        Consumer<List<Delivery>> counted = chunk -> {
            if (handed[0] == 0) {
                answered[0] = clock.nanoTime();
            }
            handed[0] += chunk.size();
            arrived.accept(chunk);
        };
        try {
            return POLICY.withBound(budget).retryIf(e -> handed[0] == 0 && RetryPolicy.isTransientBrokerFailure(e))
                    .run(clock, agent + "'s fetch from " + what, (number, left) -> {
                        if (number == 1) {
                            return pulls.fetch(max, Duration.ZERO, ahead, counted);
                        }
                        retried = true;
                        return pulls.fetch(max, left.compareTo(RETRY_WAIT) < 0 ? left : RETRY_WAIT, ahead, counted);
                    });
        } finally {
            if (retried) {
                Duration spent = Duration.ofNanos((handed[0] > 0 ? answered[0] : clock.nanoTime()) - started);
                Duration rest = budget.minus(spent);
                budget = rest.isNegative() ? Duration.ZERO : rest;
            }
        }
    }
}
