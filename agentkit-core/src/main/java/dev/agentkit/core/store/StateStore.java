package dev.agentkit.core.store;

import java.util.Optional;

/**
 * Durable string values by key: an agent's cursors, knowledge and pending alerts survive between
 * turns and restarts through it. The turn cycle loads an agent's state at the start of a turn
 * and saves it at the end.
 *
 * <p>Implementations: {@link InMemoryStateStore}, {@link FileStateStore}, and a NATS KV store in
 * agentkit-nats. Thread-safe.
 */
public interface StateStore {

    /** The value under {@code key}, if any. */
    Optional<String> get(String key);

    /** Stores {@code value} under {@code key}, replacing any earlier value. */
    void put(String key, String value);

    /** Removes {@code key}; removing a missing key is harmless. */
    void delete(String key);
}
