package dev.agentkit.core.time;

import java.time.Duration;
import java.time.Instant;

/**
 * The one source of time for agentkit: what stamps, measures, schedules and waits. The turn
 * cycle, brokers, schedulers and stores take an {@code AgentClock} so tests can replace real time
 * with the virtual clock of {@code agentkit-testing} and cross a five-minute delay in
 * microseconds.
 *
 * <p>Implementations are thread-safe. {@link #system()} is the production clock.
 */
public interface AgentClock {

    /** The current wall-clock instant. */
    Instant now();

    /**
     * Runs {@code task} once after {@code delay}. The task runs on a thread of the clock's
     * choosing (for the virtual clock: the thread that advances time past the due instant).
     */
    Timer schedule(Duration delay, Runnable task);

    /** Runs {@code task} every {@code period}, first after one period, until cancelled. */
    Timer scheduleRepeating(Duration period, Runnable task);

    /** The real clock, backed by the system clock and one shared daemon timer thread. */
    static AgentClock system() {
        return SystemClock.INSTANCE;
    }

    /** The time elapsed since {@code start}, by this clock. */
    default Duration since(Instant start) {
        return Duration.between(start, now());
    }

    /** A scheduled task; cancelling is idempotent and never interrupts a running task. */
    @FunctionalInterface
    interface Timer {
        void cancel();
    }
}
