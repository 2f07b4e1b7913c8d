package dev.agentkit.core.workspace;

import java.util.Optional;

/**
 * A lock that several agents, in several processes, take before they touch a shared file or
 * resource; held through try-with-resources. Agents use it around edits of files more than one
 * of them may write (a shared schema, a lock file of a package manager).
 *
 * <p>Implementations: {@link LocalFileLock} (lock files in a directory, for one machine) and a
 * NATS KV lock in agentkit-nats (across machines). A lock abandoned by a crashed holder expires
 * after the implementation's maximum age; closing a lock never releases one that another owner
 * took after it expired.
 *
 * <pre>{@code
 * Optional<FileLock.Held> lock = locks.tryAcquire("src/api/schema.sql", "roy");
 * if (lock.isEmpty()) {
 *     return Outcome.retry(Duration.ofMinutes(2), "schema.sql is being edited");
 * }
 * try (FileLock.Held held = lock.get()) {
 *     // edit the file
 * }
 * }</pre>
 */
public interface FileLock {

    /**
     * Takes the lock called {@code name} for {@code owner} if no one holds it (or its holder's
     * lock is stale); empty if someone else holds it. Never waits. Use workspace-relative paths
     * as names to lock files.
     */
    Optional<Held> tryAcquire(String name, String owner);

    /** A held lock; closing releases it if it is still this holder's, and is idempotent. */
    interface Held extends AutoCloseable {

        /** The lock's name. */
        String name();

        /** Who holds it. */
        String owner();

        @Override
        void close();
    }
}
