package dev.agentkit.matrix.client;

import dev.agentkit.core.time.AgentClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A clock for rate-limit tests: scheduled waits are recorded and end at once. */
final class RecordingClock implements AgentClock {
    static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    final List<Duration> waits = new CopyOnWriteArrayList<>();

    @Override
    public Instant now() {
        return NOW;
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
        waits.add(delay);
        task.run();
        return () -> {
        };
    }

    @Override
    public Timer scheduleRepeating(Duration period, Runnable task) {
        throw new UnsupportedOperationException("not used by the client");
    }
}
