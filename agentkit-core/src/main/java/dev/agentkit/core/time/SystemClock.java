package dev.agentkit.core.time;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The production {@link AgentClock}: the system's wall clock, the JVM's monotonic timer, sleeps
 * that park the thread (interruptibly), and a single daemon scheduler thread. The only place of
 * the library that reads real time directly ({@code RealTimeCallsTest} keeps it so).
 */
final class SystemClock implements AgentClock {
    static final SystemClock INSTANCE = new SystemClock();
    /** The longest sleep counted in nanoseconds (about 292 years); longer ones sleep that long. */
    private static final Duration LONGEST_SLEEP = Duration.ofNanos(Long.MAX_VALUE);

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
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        // TimeUnit's sleep returns at once for zero or less
        TimeUnit.NANOSECONDS.sleep(duration.compareTo(LONGEST_SLEEP) > 0 ? Long.MAX_VALUE : duration.toNanos());
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
