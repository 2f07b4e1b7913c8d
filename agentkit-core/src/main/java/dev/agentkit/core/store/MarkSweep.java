package dev.agentkit.core.store;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the expired markers of a {@link FileProcessedStore}, a few per write: it walks the
 * directory with one open listing across calls, looks at {@link Retention#PRUNE_PER_WRITE}
 * entries per {@link #step} and deletes the empty files older than the retention. A new walk
 * starts at most every {@link #pause()} after the last one began, so a quiet directory costs no
 * listing per write. A failure is logged (once while it lasts) and never reaches the caller: a
 * mark left in place is only disk space.
 */
final class MarkSweep {
    private static final Logger log = LoggerFactory.getLogger(MarkSweep.class);
    private static final Duration MAX_PAUSE = Duration.ofHours(1);

    private final Path dir;
    private final Retention retention;
    private DirectoryStream<Path> listing;
    private Iterator<Path> entries;
    private Instant lastWalk;
    private boolean failing;
    private int deleted;

    MarkSweep(Path dir, Retention retention) {
        this.dir = dir;
        this.retention = retention;
    }

    /** The least time between the starts of two walks: a tenth of the retention, at most an hour. */
    Duration pause() {
        Duration tenth = retention.period().dividedBy(10);
        return tenth.compareTo(MAX_PAUSE) < 0 ? tenth : MAX_PAUSE;
    }

    synchronized void step(Instant now) {
        if (retention.forever()) {
            return;
        }
        try {
            for (int i = 0; i < Retention.PRUNE_PER_WRITE; i++) {
                if (entries == null && !begin(now)) {
                    return;
                }
                if (!entries.hasNext()) {
                    end();
                    return;
                }
                look(entries.next(), now);
            }
            failing = false;
        } catch (IOException | DirectoryIteratorException e) {
            close();
            if (!failing) {
                log.warn("could not prune old processed marks in {} (they stay until a later sweep): {}", dir, e.toString());
            }
            failing = true;
        }
    }

    private boolean begin(Instant now) throws IOException {
        if (lastWalk != null && now.isBefore(lastWalk.plus(pause()))) {
            return false;
        }
        lastWalk = now;
        listing = Files.newDirectoryStream(dir);
        entries = listing.iterator();
        return true;
    }

    private void look(Path file, Instant now) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return;
        }
        if (a.isRegularFile() && a.size() == 0 && retention.expired(a.lastModifiedTime().toInstant(), now)) {
            if (Files.deleteIfExists(file)) {
                deleted++;
            }
        }
    }

    private void end() {
        close();
        if (deleted > 0) {
            log.debug("pruned {} processed marks older than {} in {}", deleted, retention.period(), dir);
        }
        deleted = 0;
        failing = false;
    }

    /** Closes the open listing, if any; the next walk opens a new one. */
    synchronized void close() {
        if (listing != null) {
            try {
                listing.close();
            } catch (IOException e) {
                log.debug("closing the listing of {} failed", dir, e);
            }
        }
        listing = null;
        entries = null;
    }
}
