package dev.agentkit.core.internal.broker;

import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.time.AgentClock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * How a call that fails transiently is retried: for up to a {@link #bound()} of time in all,
 * with a {@link #pause()} between attempts, retrying only the failures its predicate accepts (by
 * default a transient {@link BrokerException}). Time is the {@link AgentClock} given to
 * {@link #run}: on the virtual clock the pauses are skipped and the bound passes exactly, so a
 * test counts attempts instead of measuring them.
 *
 * <p>The rule: a failure the predicate refuses is thrown at once. After an accepted one, while
 * time is left of the bound, the policy pauses (at most what is left) and tries again, telling the
 * attempt its number and the time left then (zero when the pause used the rest: a last try that
 * should not wait); once the bound has passed, the last failure is thrown. An interrupt during a
 * pause ends the retries: the last failure is thrown, with the interrupt flag set again. The
 * first retry is logged at WARN, later ones at DEBUG, and a success after retries at INFO
 * ({@link #quiet()}: all at DEBUG, for a retry nested in another that logs).
 *
 * <p>Immutable and thread-safe: the {@code with…} methods return a changed copy. Used by the turn's
 * fetches, and by {@code agentkit-nats} for JetStream fetches, publishes and KV operations.
 *
 * <pre>{@code
 * RetryPolicy policy = RetryPolicy.of(Duration.ofSeconds(15), Duration.ofMillis(250));
 * Entry entry = policy.run(clock, "get " + key, () -> bucket.get(key));
 * }</pre>
 */
public final class RetryPolicy {
    private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);

    private final Duration bound;
    private final Duration pause;
    private final Predicate<? super RuntimeException> retryable;
    private final Logger log;
    private final boolean quiet;

    private RetryPolicy(Duration bound, Duration pause, Predicate<? super RuntimeException> retryable, Logger log,
                        boolean quiet) {
        if (bound.isNegative() || pause.isNegative()) {
            throw new IllegalArgumentException("bound and pause must not be negative, were " + bound + " and " + pause);
        }
        this.bound = bound;
        this.pause = pause;
        this.retryable = retryable;
        this.log = log;
        this.quiet = quiet;
    }

    /** Retries transient {@link BrokerException}s for up to {@code bound}, pausing {@code pause} between attempts. */
    public static RetryPolicy of(Duration bound, Duration pause) {
        return new RetryPolicy(Objects.requireNonNull(bound, "bound"), Objects.requireNonNull(pause, "pause"),
                RetryPolicy::isTransientBrokerFailure, LOG, false);
    }

    /** Whether {@code e} is a {@link BrokerException} that says retrying may help: the default predicate. */
    public static boolean isTransientBrokerFailure(RuntimeException e) {
        return e instanceof BrokerException b && b.isTransient();
    }

    /** This policy with another bound (for what is left of a budget, or of a caller's wait). */
    public RetryPolicy withBound(Duration bound) {
        return new RetryPolicy(Objects.requireNonNull(bound, "bound"), pause, retryable, log, quiet);
    }

    /** This policy retrying only the failures {@code retryable} accepts (instead of the default). */
    public RetryPolicy retryIf(Predicate<? super RuntimeException> retryable) {
        return new RetryPolicy(bound, pause, Objects.requireNonNull(retryable, "retryable"), log, quiet);
    }

    /** This policy logging to {@code log} (the caller's logger) instead of its own. */
    public RetryPolicy loggingTo(Logger log) {
        return new RetryPolicy(bound, pause, retryable, Objects.requireNonNull(log, "log"), quiet);
    }

    /** This policy logging its retries and recoveries at DEBUG only. */
    public RetryPolicy quiet() {
        return new RetryPolicy(bound, pause, retryable, log, true);
    }

    /** How long, in all, failures are retried. */
    public Duration bound() {
        return bound;
    }

    /** The pause before each retry. */
    public Duration pause() {
        return pause;
    }

    /** One attempt of a call the policy retries. */
    @FunctionalInterface
    public interface Attempt<T> {
        /**
         * Runs attempt {@code number} (1 for the first), with {@code left} of the bound left now
         * (all of it for the first; zero for a last try).
         */
        T run(int number, Duration left);
    }

    /** Runs {@code attempt} on {@code clock}, retrying as the policy says; {@code what} names the call in logs. */
    public <T> T run(AgentClock clock, String what, Supplier<T> attempt) {
        return run(clock, what, (number, left) -> attempt.get());
    }

    /** Runs {@code attempt} on {@code clock}, retrying as the policy says; {@code what} names the call in logs. */
    public <T> T run(AgentClock clock, String what, Attempt<T> attempt) {
        long started = clock.nanoTime();
        Duration left = bound;
        for (int number = 1; ; number++) {
            try {
                T result = attempt.run(number, left);
                if (number > 1) {
                    log.atLevel(quiet ? Level.DEBUG : Level.INFO).log("{} succeeded on attempt {}, after {} ms", what,
                            number, clock.elapsedSince(started).toMillis());
                }
                return result;
            } catch (RuntimeException e) {
                if (!retryable.test(e)) {
                    throw e;
                }
                left = bound.minus(clock.elapsedSince(started));
                if (left.isNegative() || left.isZero()) {
                    throw e;
                }
                if (number == 1 && !quiet) {
                    log.warn("{} failed transiently, retrying for up to {} ms: {}", what, bound.toMillis(), e.getMessage());
                } else {
                    log.debug("{} failed (attempt {}), retrying within the {} ms left: {}", what, number,
                            left.toMillis(), e.getMessage());
                }
                try {
                    clock.sleep(pause.compareTo(left) < 0 ? pause : left);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    e.addSuppressed(interrupted);
                    throw e;
                }
                Duration rest = bound.minus(clock.elapsedSince(started));
                left = rest.isNegative() ? Duration.ZERO : rest;
            }
        }
    }

    @Override
    public String toString() {
        return "RetryPolicy[bound=" + bound + ", pause=" + pause + (quiet ? ", quiet" : "") + "]";
    }
}
