package dev.agentkit.core.workspace;

import dev.agentkit.core.time.AgentClock;
import java.time.Duration;
import java.time.Instant;

/** A clock for lock tests that moves only when told; it schedules nothing (the locks never ask). */
final class ManualClock implements AgentClock {
    private volatile Instant now = Instant.parse("2025-01-01T09:00:00Z");

    void advance(Duration d) {
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
