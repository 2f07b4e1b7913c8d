package dev.agentkit.nats.kv;

import dev.agentkit.core.time.AgentClock;
import dev.agentkit.core.workspace.FileLock;
import io.nats.client.Connection;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The core workspace {@link FileLock} in a NATS KV bucket, for agents on different machines that
 * edit the same file or resource: taking it creates the name's key if absent; a lock abandoned by
 * a crashed holder expires after {@code maxAge} (per-key TTL on nats-server 2.11 and newer, and
 * the stored expiry on any server); closing it never releases a lock that another owner took
 * after it expired. Used by agents around shared edits, where {@code LocalFileLock} would only
 * guard one machine.
 *
 * <pre>{@code
 * KvLock locks = KvLock.open(connection, Duration.ofMinutes(10));
 * Optional<FileLock.Held> lock = locks.tryAcquire("src/api/schema.sql", "roy");
 * if (lock.isPresent()) {
 *     try (FileLock.Held held = lock.get()) { ... }
 * }
 * }</pre>
 *
 * Failures to reach the server are {@code BrokerException}s.
 */
public final class KvLock implements FileLock {
    /** The bucket used when none is named. */
    public static final String DEFAULT_BUCKET = "agentkit_locks";

    private final KvLeases leases;
    private final Duration maxAge;

    private KvLock(KvLeases leases, Duration maxAge) {
        this.leases = leases;
        this.maxAge = maxAge;
    }

    /** Locks in bucket {@value #DEFAULT_BUCKET} that expire after {@code maxAge}, on the system clock. */
    public static KvLock open(Connection nc, Duration maxAge) {
        return open(nc, DEFAULT_BUCKET, maxAge, AgentClock.system(), LeaseExpiry.AUTO);
    }

    /** Locks in {@code bucket} (created if missing) that expire after {@code maxAge}, timed by {@code clock}. */
    public static KvLock open(Connection nc, String bucket, Duration maxAge, AgentClock clock, LeaseExpiry expiry) {
        return open(nc, bucket, maxAge, clock, expiry, 1);
    }

    /**
     * As {@link #open(Connection, String, Duration, AgentClock, LeaseExpiry)}, a bucket created with
     * {@code replicas} copies (3 on a cluster, so locks survive a lost server).
     */
    public static KvLock open(Connection nc, String bucket, Duration maxAge, AgentClock clock, LeaseExpiry expiry,
                              int replicas) {
        if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("lock maxAge must be positive, was " + maxAge);
        }
        return new KvLock(new KvLeases(nc, bucket, clock, expiry, replicas), maxAge);
    }

    /**
     * Takes the lock {@code name} for {@code owner} if no one holds it or its holder's lock has
     * expired; empty if someone else holds it. Never waits.
     */
    @Override
    public Optional<FileLock.Held> tryAcquire(String name, String owner) {
        Objects.requireNonNull(owner, "owner");
        return leases.tryTake(name, owner, maxAge).map(KvHeld::new);
    }

    /** Who holds {@code name} now, if anyone (an expired holder included until someone takes over). */
    public Optional<String> holder(String name) {
        return leases.read(name).map(LeaseRecord::owner);
    }

    /** A held lock; closing releases it if it is still this holder's, and is idempotent. */
    private final class KvHeld implements FileLock.Held {
        private final KvLeases.Taken taken;
        private final AtomicBoolean open = new AtomicBoolean(true);

        private KvHeld(KvLeases.Taken taken) {
            this.taken = taken;
        }

        @Override
        public String name() {
            return taken.name();
        }

        @Override
        public String owner() {
            return taken.record().owner();
        }

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                leases.release(taken);
            }
        }

        @Override
        public String toString() {
            return "KvLock[" + name() + " held by " + owner() + "]";
        }
    }
}
