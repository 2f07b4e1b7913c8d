package dev.agentkit.core.store;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link StateStore} in memory: for tests and for agents whose state may be lost on restart.
 * Every write gets a new version from one counter, so a key deleted and written again never
 * returns to an old version.
 */
public final class InMemoryStateStore implements StateStore {
    private record Entry(String value, long version) {
    }

    private final Map<String, Entry> values = new ConcurrentHashMap<>();
    private final AtomicLong versions = new AtomicLong();

    /** An empty store. */
    public InMemoryStateStore() {
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).map(Entry::value);
    }

    @Override
    public void put(String key, String value) {
        values.put(key, new Entry(value, versions.incrementAndGet()));
    }

    @Override
    public void delete(String key) {
        values.remove(key);
    }

    @Override
    public Optional<Versioned> getVersioned(String key) {
        return Optional.ofNullable(values.get(key)).map(e -> new Versioned(e.value(), e.version()));
    }

    @Override
    public OptionalLong putIfVersion(String key, String value, long expectedVersion) {
        if (expectedVersion == UNVERSIONED) {
            put(key, value);
            return OptionalLong.of(values.get(key).version());
        }
        long[] written = {0};
        values.compute(key, (k, old) -> {
            if ((old == null ? ABSENT : old.version()) != expectedVersion) {
                return old;
            }
            written[0] = versions.incrementAndGet();
            return new Entry(value, written[0]);
        });
        return written[0] == 0 ? OptionalLong.empty() : OptionalLong.of(written[0]);
    }
}
