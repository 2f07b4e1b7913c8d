package dev.agentkit.core.store;

/**
 * Remembers which work items are done, so a redelivered item is acknowledged without running
 * its work again. The turn cycle checks it before {@code processWork} and marks an item only
 * after the work's effects are saved and announced.
 *
 * <p>Implementations: {@link InMemoryProcessedStore} (tests, one process), {@link
 * FileProcessedStore} (one machine, survives restarts), and a NATS KV store in agentkit-nats
 * (across processes and machines). Keys are opaque strings; implementations encode them as their
 * storage needs.
 */
public interface ProcessedStore {

    /** Whether {@code key} was marked processed. */
    boolean isProcessed(String key);

    /** Marks {@code key} processed; marking twice is harmless. */
    void markProcessed(String key);
}
