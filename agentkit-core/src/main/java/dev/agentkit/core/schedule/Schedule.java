package dev.agentkit.core.schedule;

import java.time.Duration;
import java.time.Instant;

/**
 * When an agent's turns fall: every {@code period}, at {@code offset} past each period boundary
 * (boundaries counted from the epoch in UTC, so every 30 minutes at 15 minutes past means :15 and
 * :45). With {@code onlyWithWork}, a slot whose agent has nothing pending on any of its
 * consumers is skipped cheaply. Immutable; used by {@link TurnScheduler}.
 *
 * @param period              time between turns
 * @param offset              where in the period the turn falls, less than the period
 * @param onlyWithWork        skip slots when nothing is pending
 */
public record Schedule(Duration period, Duration offset, boolean onlyWithWork) {
    public Schedule {
        if (period == null || period.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException("schedule period must be at least 1 ms, was " + period);
        }
        if (offset == null || offset.isNegative() || offset.compareTo(period) >= 0) {
            throw new IllegalArgumentException("schedule offset must be from zero up to the period " + period
                    + ", was " + offset);
        }
    }

    /** Every {@code period}, on the period boundary. */
    public static Schedule every(Duration period) {
        return new Schedule(period, Duration.ZERO, false);
    }

    /** The same schedule at {@code offset} past each boundary. */
    public Schedule at(Duration offset) {
        return new Schedule(period, offset, onlyWithWork);
    }

    /** The same schedule, skipping slots when there is nothing to do. */
    public Schedule onlyWhenThereIsWork() {
        return new Schedule(period, offset, true);
    }

    /** The first slot strictly after {@code now}. */
    public Instant nextAfter(Instant now) {
        long p = period.toMillis();
        long o = offset.toMillis();
        long t = now.toEpochMilli();
        long base = Math.floorDiv(t - o, p) * p + o;
        long next = base <= t ? base + p : base;
        return Instant.ofEpochMilli(next);
    }
}
