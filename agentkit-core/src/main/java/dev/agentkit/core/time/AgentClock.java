package dev.agentkit.core.time;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The one source of time for agentkit: what stamps, measures, schedules and waits. The turn
 * cycle, brokers, schedulers, stores and retries take an {@code AgentClock} so tests can replace
 * real time with the virtual clock of {@code agentkit-testing} and cross a five-minute delay in
 * microseconds.
 *
 * <p>It keeps two kinds of time, as Micrometer's {@code MockClock} does: wall time
 * ({@link #now()}), for stamps and schedules, and monotonic time ({@link #nanoTime()}), for
 * measuring durations and deadlines, which never steps back when the wall clock is corrected.
 * {@link #sleep(Duration)} waits on the clock: the system clock parks the thread, the virtual
 * clock skips the wait by advancing itself. Library code reads and waits on time only through an
 * {@code AgentClock}; a wait on something real (a server, a peer, a thread) takes
 * {@link #system()}.
 *
 * <p>Implementations are thread-safe. {@link #system()} is the production clock.
 */
public interface AgentClock {

    /** The current wall-clock instant. */
    Instant now();

    /**
     * Monotonic time in nanoseconds, for measuring: only the difference between two readings of
     * the same clock means anything ({@link #elapsedSince(long)}), as with
     * {@link System#nanoTime()}. The default reads {@link #now()}, which suits a clock whose wall
     * time never steps back (a test clock); the system clock reads the JVM's monotonic timer.
     */
    default long nanoTime() {
        Instant n = now();
        return n.getEpochSecond() * 1_000_000_000L + n.getNano();
    }

    /** The monotonic time passed since {@code startNanos}, a reading of {@link #nanoTime()}. */
    default Duration elapsedSince(long startNanos) {
        return Duration.ofNanos(nanoTime() - startNanos);
    }

    /**
     * Returns once {@code duration} has passed on this clock; zero or negative returns at once.
     * The system clock parks the thread; the virtual clock advances itself by {@code duration},
     * firing the timers that fall due on the sleeping thread, and returns at once. The default
     * waits for a timer of this clock, and gives up with an {@link IllegalStateException} one
     * minute of real time after {@code duration} if the timer has not fired (nobody advanced a
     * manual clock), so it never waits unbounded.
     *
     * @throws InterruptedException if the thread is interrupted before or while it waits on a
     *                              positive duration (the flag is cleared, as {@link Thread#sleep} does)
     */
    default void sleep(Duration duration) throws InterruptedException {
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        CountDownLatch due = new CountDownLatch(1);
        Timer timer = schedule(duration, due::countDown);
        try {
            long guardMillis = duration.toMillis() + TimeUnit.MINUTES.toMillis(1);
            if (!due.await(guardMillis, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("a sleep of " + duration + " did not end on " + this);
            }
        } finally {
            timer.cancel();
        }
    }

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

    /** The wall-clock time elapsed since {@code start}, by this clock. */
    default Duration since(Instant start) {
        return Duration.between(start, now());
    }

    /** A scheduled task; cancelling is idempotent and never interrupts a running task. */
    @FunctionalInterface
    interface Timer {
        void cancel();
    }
}
