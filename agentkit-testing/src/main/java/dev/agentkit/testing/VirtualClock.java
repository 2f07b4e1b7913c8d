package dev.agentkit.testing;

import dev.agentkit.core.time.AgentClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link AgentClock} that moves only when told: tests {@link #advance} it and cross a
 * five-minute nak delay or an hour of schedule in microseconds. Advancing fires every timer that
 * falls due, in due order, on the advancing thread, with {@link #now()} set to each timer's due
 * time while it runs; a timer may schedule further timers. Its monotonic time
 * ({@link #nanoTime()}) counts the time advanced since the clock was made, and a
 * {@link #sleep(Duration)} advances the clock instead of waiting, so code that pauses between
 * retries runs through its pauses at once, exactly. Thread-safe; when several threads sleep on
 * one clock, each sleep moves everyone's time.
 *
 * <p>Used by {@code InMemoryBroker}, {@code AgentTestKit} and users' tests.
 */
public final class VirtualClock implements AgentClock {
    /** Where a new clock starts unless told otherwise: 2030-01-01T00:00:00Z. */
    public static final Instant DEFAULT_START = Instant.parse("2030-01-01T00:00:00Z");

    private final Object lock = new Object();
    private final PriorityQueue<Task> timers = new PriorityQueue<>();
    private final AtomicLong order = new AtomicLong();
    private final Instant start;
    private Instant now;

    /** A clock at {@link #DEFAULT_START}. */
    public VirtualClock() {
        this(DEFAULT_START);
    }

    /** A clock at {@code start}. */
    public VirtualClock(Instant start) {
        this.start = start;
        this.now = start;
    }

    @Override
    public Instant now() {
        synchronized (lock) {
            return now;
        }
    }

    /** The nanoseconds advanced since the clock was made: it moves exactly as {@link #now()} does. */
    @Override
    public long nanoTime() {
        return Duration.between(start, now()).toNanos();
    }

    /**
     * Advances the clock by {@code duration} ({@link #advance}), firing the timers that fall due
     * on this thread, and returns: the sleep is skipped, not waited. Zero or negative returns at once.
     *
     * @throws InterruptedException if the thread is interrupted (the flag is cleared; time does not move)
     */
    @Override
    public void sleep(Duration duration) throws InterruptedException {
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before a sleep of " + duration + " on " + this);
        }
        advance(duration);
    }

    /**
     * Moves time forward by {@code d}, firing due timers on the way.
     *
     * @throws IllegalArgumentException if {@code d} is negative
     */
    public void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("time cannot go backwards: " + d);
        }
        Instant target;
        synchronized (lock) {
            target = now.plus(d);
        }
        while (true) {
            Task due;
            synchronized (lock) {
                due = timers.peek();
                if (due == null || due.at.isAfter(target)) {
                    if (now.isBefore(target)) {
                        now = target;
                    }
                    return;
                }
                timers.poll();
                if (due.at.isAfter(now)) {
                    now = due.at;
                }
            }
            due.fire();
        }
    }

    /** Moves time forward to {@code instant} (no-op if it is not later than now). */
    public void advanceTo(Instant instant) {
        Duration d = Duration.between(now(), instant);
        if (!d.isNegative()) {
            advance(d);
        }
    }

    /** How many timers are scheduled and not cancelled. */
    public int pendingTimers() {
        synchronized (lock) {
            return (int) timers.stream().filter(t -> !t.cancelled).count();
        }
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
        return add(delay, Duration.ZERO, task);
    }

    @Override
    public Timer scheduleRepeating(Duration period, Runnable task) {
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
        return add(period, period, task);
    }

    private Timer add(Duration delay, Duration period, Runnable task) {
        Task t;
        synchronized (lock) {
            t = new Task(now.plus(delay), period, task, order.incrementAndGet());
            timers.add(t);
        }
        return t;
    }

    /** The instants at which scheduled timers fall due, earliest first. */
    public List<Instant> dueTimes() {
        synchronized (lock) {
            List<Instant> out = new ArrayList<>();
            timers.stream().filter(t -> !t.cancelled).sorted().forEach(t -> out.add(t.at));
            return out;
        }
    }

    @Override
    public String toString() {
        return "VirtualClock[" + now() + "]";
    }

    private final class Task implements Comparable<Task>, Timer {
        Instant at;
        final Duration period;
        final Runnable body;
        long seq;
        volatile boolean cancelled;

        Task(Instant at, Duration period, Runnable body, long seq) {
            this.at = at;
            this.period = period;
            this.body = body;
            this.seq = seq;
        }

        void fire() {
            if (cancelled) {
                return;
            }
            body.run();
            if (!period.isZero() && !cancelled) {
                synchronized (lock) {
                    at = at.plus(period);
                    seq = order.incrementAndGet();
                    timers.add(this);
                }
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            synchronized (lock) {
                timers.remove(this);
            }
        }

        @Override
        public int compareTo(Task o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
