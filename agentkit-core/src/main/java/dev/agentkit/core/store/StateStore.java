package dev.agentkit.core.store;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Durable string values by key: an agent's cursors, knowledge and pending alerts survive between
 * turns and restarts through it. The turn cycle loads an agent's state with its version at the
 * start of a turn, claims the turn by saving it back at that version, and saves it at the end at
 * the version it claimed: a conditional put ({@link #putIfVersion}), so a turn that lost its lease
 * never overwrites a newer turn's state.
 *
 * <p>Implementations: {@link InMemoryStateStore}, {@link FileStateStore}, and a NATS KV store in
 * agentkit-nats (its versions are KV revisions). Thread-safe. A store written before versions
 * existed only needs {@link #get}, {@link #put} and {@link #delete}: the versioned methods then
 * fall back to them, without the fence.
 */
public interface StateStore {
    /** The expected version of a key that must not exist yet. */
    long ABSENT = 0;
    /** The version a store without versions reports: a put at it is unconditional. */
    long UNVERSIONED = -1;

    /** The value under {@code key}, if any. */
    Optional<String> get(String key);

    /** Stores {@code value} under {@code key}, replacing any earlier value. */
    void put(String key, String value);

    /** Removes {@code key}; removing a missing key is harmless. */
    void delete(String key);

    /**
     * The value under {@code key} with its current version, if any. The default reads
     * {@link #get} and reports {@link #UNVERSIONED}.
     */
    default Optional<Versioned> getVersioned(String key) {
        return get(key).map(v -> new Versioned(v, UNVERSIONED));
    }

    /**
     * Stores {@code value} under {@code key} only if the key is still at {@code expectedVersion}
     * ({@link #ABSENT}: only if it does not exist), as one atomic step.
     *
     * @return the key's new version; empty, with nothing written, when another writer changed the
     *         key since that version was read. The default (a store without versions) puts
     *         unconditionally and returns {@link #UNVERSIONED}, as it does when
     *         {@code expectedVersion} is {@link #UNVERSIONED}.
     */
    default OptionalLong putIfVersion(String key, String value, long expectedVersion) {
        put(key, value);
        return OptionalLong.of(UNVERSIONED);
    }

    /**
     * A value and the version it was read at, for {@link #putIfVersion}.
     *
     * @param value   the stored value
     * @param version its version: positive in a versioned store, {@link #UNVERSIONED} otherwise
     */
    record Versioned(String value, long version) {
    }
}
