package dev.agentkit.core.store;

import dev.agentkit.core.AgentkitException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A {@link ProcessedStore} in a directory: one empty marker file per processed key, created
 * atomically, so several processes on one machine may share it and a restart remembers
 * everything marked before.
 */
public final class FileProcessedStore implements ProcessedStore {
    private final Path dir;

    /** A store in {@code dir}, created if missing. */
    public FileProcessedStore(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new AgentkitException("cannot create processed-store directory " + dir, e);
        }
    }

    @Override
    public boolean isProcessed(String key) {
        return Files.exists(dir.resolve(FileKeys.fileName(key)));
    }

    @Override
    public void markProcessed(String key) {
        try {
            Files.createFile(dir.resolve(FileKeys.fileName(key)));
        } catch (FileAlreadyExistsException e) {
            // marked before: nothing to do
        } catch (IOException e) {
            throw new AgentkitException("cannot mark " + key + " processed in " + dir, e);
        }
    }
}
