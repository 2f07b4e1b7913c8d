package dev.agentkit.core.store;

import dev.agentkit.core.AgentkitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * A {@link StateStore} in a directory, one file per key, written atomically (a temp file moved
 * into place), so a crash mid-write leaves the old value or the new one, never half of one. For
 * agents on one machine that must keep state across restarts.
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
    public void put(String key, String value) {
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
