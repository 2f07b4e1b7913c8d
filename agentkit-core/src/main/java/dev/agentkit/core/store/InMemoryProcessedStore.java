package dev.agentkit.core.store;

import dev.agentkit.core.time.AgentClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link ProcessedStore} in memory: for tests and for a single process that may forget on
 * restart. Marks are kept for a retention ({@link ProcessedStore#DEFAULT_RETENTION} by default) by
 * the given clock; each mark prunes a few of the oldest expired ones, so memory follows the marks
 * of one retention period.
 */
public final class InMemoryProcessedStore implements ProcessedStore {
    /** Keys by the instant they were marked, oldest first (re-marking moves a key to the end). */
    private final Map<String, Instant> marks = new LinkedHashMap<>();
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
        Instant at = marks.get(key);
        return at != null && !retention.expired(at, clock.now());
    }

    /** One look-up under one lock and one reading of the clock for all of {@code keys}. */
    @Override
    public synchronized Set<String> processedAmong(Collection<String> keys) {
        Instant now = clock.now();
        Set<String> marked = new HashSet<>();
        for (String key : keys) {
            Instant at = marks.get(key);
            if (at != null && !retention.expired(at, now)) {
                marked.add(key);
            }
        }
        return marked;
    }

    @Override
    public synchronized void markProcessed(String key) {
        Instant now = clock.now();
        prune(now);
        marks.remove(key);
        marks.put(Objects.requireNonNull(key, "key"), now);
    }

    /** How many marks are held (expired ones not pruned yet included). */
    public synchronized int size() {
        return marks.size();
    }

    private void prune(Instant now) {
        Iterator<Instant> oldest = marks.values().iterator();
        for (int i = 0; i < Retention.PRUNE_PER_WRITE && oldest.hasNext(); i++) {
            if (!retention.expired(oldest.next(), now)) {
                return;
            }
            oldest.remove();
        }
    }
}
