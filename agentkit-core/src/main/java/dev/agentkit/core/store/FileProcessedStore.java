package dev.agentkit.core.store;

import dev.agentkit.core.AgentkitException;
import dev.agentkit.core.internal.store.StoreKeys;
import dev.agentkit.core.time.AgentClock;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A {@link ProcessedStore} in a directory: one empty marker file per processed key, named by
 * {@link StoreKeys} (so keys of any length and alphabet fit) and created atomically, so several
 * processes on one machine may share it and a restart remembers everything marked before. A
 * marker's modification time is when it was marked; marks older than the retention
 * ({@link ProcessedStore#DEFAULT_RETENTION} by default) count as not made and are deleted a few
 * per write ({@link MarkSweep}). Give it a directory of its own: the sweep deletes old empty files.
 */
public final class FileProcessedStore implements ProcessedStore {
    private static final Cleaner CLEANER = Cleaner.create();

    private final Path dir;
    private final Retention retention;
    private final AgentClock clock;
    private final MarkSweep sweep;

    /** A store in {@code dir}, created if missing, keeping marks for {@link ProcessedStore#DEFAULT_RETENTION}. */
    public FileProcessedStore(Path dir) {
        this(dir, DEFAULT_RETENTION, AgentClock.system());
    }

    /**
     * A store in {@code dir}, created if missing, keeping marks for {@code retention} (zero: for
     * ever) of {@code clock}'s time.
     */
    public FileProcessedStore(Path dir, Duration retention, AgentClock clock) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.retention = new Retention(retention);
        this.clock = Objects.requireNonNull(clock, "clock");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new AgentkitException("cannot create processed-store directory " + dir, e);
        }
        this.sweep = new MarkSweep(dir, this.retention);
        CLEANER.register(this, sweep::close);
    }

    /** @throws StoreException when the marker cannot be read (never "not processed" for a failed read) */
    @Override
    public boolean isProcessed(String key) {
        try {
            Instant marked = Files.getLastModifiedTime(file(key)).toInstant();
            return !retention.expired(marked, clock.now());
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw StoreException.of("cannot read the processed mark of " + StoreKeys.preview(key) + " in " + dir, e);
        }
    }

    @Override
    public void markProcessed(String key) {
        Path file = file(key);
        Instant now = clock.now();
        try {
            try {
                Files.createFile(file);
            } catch (FileAlreadyExistsException e) {
                // marked before: its retention starts anew
            }
            Files.setLastModifiedTime(file, FileTime.from(now));
        } catch (IOException e) {
            throw StoreException.of("cannot mark " + StoreKeys.preview(key) + " processed in " + dir, e);
        }
        sweep.step(now);
    }

    private Path file(String key) {
        return dir.resolve(StoreKeys.FILE_NAMES.name(key));
    }

    @Override
    public String toString() {
        return "FileProcessedStore[" + dir + ", retention " + retention.period() + "]";
    }
}
