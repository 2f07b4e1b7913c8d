package dev.agentkit.core.workspace;

import dev.agentkit.core.AgentkitException;
import dev.agentkit.core.time.AgentClock;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link FileLock} made of lock files in one directory, for agents in several processes on one
 * machine (or on a shared file system with atomic exclusive create).
 *
 * <p>A lock is a file created with {@code CREATE_NEW}, so exactly one of any number of racing
 * processes creates it; it records a random token, the owner, pid, host and the time (by the
 * injected {@link AgentClock}). A lock older than the maximum age is stale: the next caller
 * breaks it, with a warning in the log, and takes it. Removing a lock file, whether to break it
 * or to release it, first takes a removal marker named after the lock's token with
 * {@code CREATE_NEW}, then checks that the lock file still carries that token: so two breakers
 * cannot both remove it, and a release never removes a lock that someone else took after breaking
 * this holder's. A lock file whose content is still being written counts as held; if it stays
 * unreadable past the maximum age (its writer died between create and write) its modification
 * time makes it stale.
 */
public final class LocalFileLock implements FileLock {
    private static final Logger log = LoggerFactory.getLogger(LocalFileLock.class);
    private static final String UNREADABLE = "unreadable";

    /** The age after which a lock is stale when none is given: longer than any sane edit. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(30);

    private final Path dir;
    private final Duration maxAge;
    private final AgentClock clock;
    private final String host = hostName();

    /**
     * Locks in {@code dir} (created if missing) that turn stale after {@code maxAge} by {@code clock}.
     */
    public LocalFileLock(Path dir, Duration maxAge, AgentClock clock) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge of locks in " + dir + " must be positive, was " + maxAge);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new AgentkitException("cannot create lock directory " + dir, e);
        }
    }

    /** Locks in {@code dir} with the {@link #DEFAULT_MAX_AGE} and the system clock. */
    public static LocalFileLock in(Path dir) {
        return new LocalFileLock(dir, DEFAULT_MAX_AGE, AgentClock.system());
    }

    @Override
    public Optional<Held> tryAcquire(String name, String owner) {
        Objects.requireNonNull(owner, "owner");
        Path lock = lockFile(name);
        for (int attempt = 0; attempt < 3; attempt++) {
            LockRecord mine = new LockRecord(UUID.randomUUID().toString(), owner.replaceAll("[\\r\\n]", " "),
                    ProcessHandle.current().pid(), host, clock.now());
            if (create(lock, mine)) {
                log.debug("{} took lock {} ({})", owner, name, lock);
                return Optional.of(new LocalHeld(name, lock, mine));
            }
            Optional<Observed> current = observe(lock);
            if (current.isEmpty()) {
                continue;
            }
            Observed seen = current.get();
            if (seen.age().compareTo(maxAge) <= 0) {
                log.debug("{} did not get lock {}: held by {}", owner, name, seen.describe());
                return Optional.empty();
            }
            log.warn("breaking stale lock {} for {}: held by {}, {} old, older than {}", name, owner,
                    seen.describe(), seen.age(), maxAge);
            removeIfStill(lock, seen.identity());
        }
        return Optional.empty();
    }

    /** The lock file for {@code name}: a readable part of the name plus a hash, so any name is a safe file name. */
    Path lockFile(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("lock name must not be blank");
        }
        String readable = name.replaceAll("[^A-Za-z0-9._-]", "_");
        readable = readable.substring(0, Math.min(readable.length(), 80));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return dir.resolve(readable + "-" + HexFormat.of().formatHex(digest, 0, 6) + ".lock");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private boolean create(Path lock, LockRecord record) {
        try (OutputStream out = Files.newOutputStream(lock, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            out.write(record.bytes());
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            try {
                Files.deleteIfExists(lock);
            } catch (IOException ignored) {
                // the original failure is what matters
            }
            throw new AgentkitException("cannot create lock file " + lock, e);
        }
        return true;
    }

    /** A lock file as seen now: its identity (token, or "unreadable"), its record if complete, its age. */
    private record Observed(String identity, Optional<LockRecord> record, Duration age) {
        String describe() {
            return record.map(r -> r.owner() + " (pid " + r.pid() + " on " + r.host() + " since " + r.acquired() + ")")
                    .orElse("a holder whose lock file is not yet written");
        }
    }

    private Optional<Observed> observe(Path lock) {
        try {
            Optional<LockRecord> record = LockRecord.parse(Files.readString(lock, StandardCharsets.UTF_8));
            Instant since = record.isPresent() ? record.get().acquired() : Files.getLastModifiedTime(lock).toInstant();
            return Optional.of(new Observed(record.map(LockRecord::token).orElse(UNREADABLE), record,
                    Duration.between(since, clock.now())));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new AgentkitException("cannot read lock file " + lock, e);
        }
    }

    /**
     * Deletes {@code lock} if it still has {@code identity}, holding that identity's removal
     * marker meanwhile; returns whether it deleted it.
     */
    private boolean removeIfStill(Path lock, String identity) {
        Path marker = lock.resolveSibling(lock.getFileName() + "." + identity + ".removing");
        try {
            Files.createFile(marker);
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new AgentkitException("cannot create lock removal marker " + marker, e);
        }
        try {
            Optional<Observed> now = observe(lock);
            if (now.isPresent() && now.get().identity().equals(identity)) {
                Files.delete(lock);
                return true;
            }
            return false;
        } catch (IOException e) {
            throw new AgentkitException("cannot remove lock file " + lock, e);
        } finally {
            try {
                Files.deleteIfExists(marker);
            } catch (IOException e) {
                log.warn("cannot remove lock removal marker {}; remove it by hand: {}", marker, e.toString());
            }
        }
    }

    private static String hostName() {
        for (String variable : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        try {
            return Files.readString(Path.of("/etc/hostname"), StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            return "unknown-host";
        }
    }

    private final class LocalHeld implements Held {
        private final String name;
        private final Path lock;
        private final LockRecord record;
        private final AtomicBoolean released = new AtomicBoolean();

        LocalHeld(String name, Path lock, LockRecord record) {
            this.name = name;
            this.lock = lock;
            this.record = record;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String owner() {
            return record.owner();
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true) && !removeIfStill(lock, record.token())) {
                log.warn("lock {} of {} was no longer theirs at release (broken as stale?); left as it is",
                        name, record.owner());
            }
        }
    }
}
