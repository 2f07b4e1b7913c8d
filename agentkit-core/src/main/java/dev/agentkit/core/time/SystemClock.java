package dev.agentkit.core.time;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** The production {@link AgentClock}: system time and a single daemon scheduler thread. */
final class SystemClock implements AgentClock {
    static final SystemClock INSTANCE = new SystemClock();

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "agentkit-clock");
        t.setDaemon(true);
        return t;
    });

    private SystemClock() {
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> f = scheduler.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public Timer scheduleRepeating(Duration period, Runnable task) {
        long nanos = period.toNanos();
        ScheduledFuture<?> f = scheduler.scheduleAtFixedRate(task, nanos, nanos, TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }
}
