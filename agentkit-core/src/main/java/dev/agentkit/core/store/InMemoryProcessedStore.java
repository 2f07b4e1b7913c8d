package dev.agentkit.core.store;

import dev.agentkit.core.time.AgentClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link ProcessedStore} in memory: for tests and for a single process that may forget on
 * restart. Marks are kept for a retention ({@link ProcessedStore#DEFAULT_RETENTION} by default) by
 * the given clock; each mark prunes a few of the oldest expired ones, so memory follows the marks
 * of one retention period. The marks are kept in flat arrays ({@link MarkLog}), with no object per
 * mark, so a store holding a million costs the garbage collector next to nothing.
 */
public final class InMemoryProcessedStore implements ProcessedStore {
    /** The marks, oldest first (re-marking moves a key to the end). */
    private final MarkLog marks = new MarkLog();
    private final Retention retention;
    private final AgentClock clock;

    /** A store keeping marks for {@link ProcessedStore#DEFAULT_RETENTION} of system time. */
    public InMemoryProcessedStore() {
        this(DEFAULT_RETENTION, AgentClock.system());
    }

    /** A store keeping marks for {@code retention} (zero: for ever) of {@code clock}'s time. */
    public InMemoryProcessedStore(Duration retention, AgentClock clock) {
        this.retention = new Retention(retention);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized boolean isProcessed(String key) {
        int m = marks.indexOf(Objects.requireNonNull(key, "key"));
        return m >= 0 && !forgotten(m, cutoff(clock.now()));
    }

    /** One look-up under one lock and one reading of the clock for all of {@code keys}. */
    @Override
    public synchronized Set<String> processedAmong(Collection<String> keys) {
        Instant cutoff = cutoff(clock.now());
        Set<String> marked = new HashSet<>();
        for (String key : keys) {
            int m = marks.indexOf(Objects.requireNonNull(key, "key"));
            if (m >= 0 && !forgotten(m, cutoff)) {
                marked.add(key);
            }
        }
        return marked;
    }

    @Override
    public synchronized void markProcessed(String key) {
        Instant now = clock.now();
        Objects.requireNonNull(key, "key");
        prune(now);
        marks.add(key, now);
    }

    /** How many marks are held (expired ones not pruned yet included). */
    public synchronized int size() {
        return marks.size();
    }

    private void prune(Instant now) {
        Instant cutoff = cutoff(now);
        for (int i = 0; i < Retention.PRUNE_PER_WRITE; i++) {
            int oldest = marks.oldest();
            if (oldest < 0 || !forgotten(oldest, cutoff)) {
                return;
            }
            marks.dropOldest();
        }
    }

    /**
     * The latest instant a mark forgotten at {@code now} was made at ({@link Retention#expired}:
     * made at or before {@code now} minus the retention); null when marks are kept for ever.
     */
    private Instant cutoff(Instant now) {
        return retention.forever() ? null : now.minus(retention.period());
    }

    private boolean forgotten(int m, Instant cutoff) {
        return cutoff != null && marks.madeBy(m, cutoff);
    }
}
