package dev.agentkit.core.time;

import java.time.Duration;
import java.time.Instant;

/**
 * A clock for core's tests that moves only when told; it schedules nothing (the code under those
 * tests never asks). agentkit-testing's {@code VirtualClock} is the one that fires timers.
 */
public final class ManualClock implements AgentClock {
    private volatile Instant now;

    /** A clock standing at {@code start}. */
    public ManualClock(Instant start) {
        this.now = start;
    }

    /** A clock standing at 2025-01-01T09:00:00Z. */
    public ManualClock() {
        this(Instant.parse("2025-01-01T09:00:00Z"));
    }

    /** Moves the clock on by {@code d}. */
    public void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
        throw new UnsupportedOperationException("ManualClock does not schedule");
    }

    @Override
    public Timer scheduleRepeating(Duration period, Runnable task) {
        throw new UnsupportedOperationException("ManualClock does not schedule");
    }
}
