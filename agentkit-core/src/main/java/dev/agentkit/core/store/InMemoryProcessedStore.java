package dev.agentkit.core.store;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link ProcessedStore} in memory: for tests and for a single process that may forget on restart. */
public final class InMemoryProcessedStore implements ProcessedStore {
    private final Set<String> keys = ConcurrentHashMap.newKeySet();

    @Override
    public boolean isProcessed(String key) {
        return keys.contains(key);
    }

    @Override
    public void markProcessed(String key) {
        keys.add(key);
    }

    /** How many keys are marked. */
    public int size() {
        return keys.size();
    }
}
