package dev.agentkit.core.store;

import dev.agentkit.core.AgentkitException;
import dev.agentkit.core.internal.store.StoreKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A {@link StateStore} in a directory, one file per key, written atomically (a temp file moved
 * into place), so a crash mid-write leaves the old value or the new one, never half of one. For
 * agents on one machine that must keep state across restarts.
 *
 * <p>A value's version is a hash of its content (64 bits of SHA-256, never {@code 0}):
 * {@link #putIfVersion} writes only if the file still holds what was read. The check and the
 * write are one step for callers of this instance; two processes on one directory are kept apart
 * by their turn lease, not by this check.
 */
public final class FileStateStore implements StateStore {
    private final Path dir;

    /** A store in {@code dir}, created if missing. */
    public FileStateStore(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new AgentkitException("cannot create state directory " + dir, e);
        }
    }

    @Override
    public Optional<String> get(String key) {
        try {
            return Optional.of(Files.readString(file(key), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new AgentkitException("cannot read state key " + key + " in " + dir, e);
        }
    }

    @Override
    public Optional<Versioned> getVersioned(String key) {
        return get(key).map(v -> new Versioned(v, version(v)));
    }

    @Override
    public synchronized OptionalLong putIfVersion(String key, String value, long expectedVersion) {
        if (expectedVersion != UNVERSIONED) {
            long current = get(key).map(FileStateStore::version).orElse(ABSENT);
            if (current != expectedVersion) {
                return OptionalLong.empty();
            }
        }
        put(key, value);
        return OptionalLong.of(version(value));
    }

    /** The version of a stored value: 63 bits of its SHA-256, at least 1. */
    static long version(String value) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (h[i] & 0xff);
            }
            v &= Long.MAX_VALUE;
            return v == ABSENT ? 1 : v;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public synchronized void put(String key, String value) {
        Path target = file(key);
        try {
            Path tmp = Files.createTempFile(dir, ".put-", ".tmp");
            Files.writeString(tmp, value, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new AgentkitException("cannot write state key " + key + " in " + dir, e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(file(key));
        } catch (IOException e) {
            throw new AgentkitException("cannot delete state key " + key + " in " + dir, e);
        }
    }

    private Path file(String key) {
        return dir.resolve(StoreKeys.FILE_NAMES.name(key));
    }
}
