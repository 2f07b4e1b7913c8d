package dev.agentkit.core.store;

import dev.agentkit.core.AgentkitException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * A store could not read or write: {@link ProcessedStore#isProcessed} throws it rather than answer
 * "not processed" when it cannot tell. {@link #isTransient()} says whether the same call may
 * succeed later (a full disk, an I/O error) or not without a change (access denied, a read-only
 * file system). The turn cycle, seeing it, neither runs nor drops the item: it puts it back.
 */
public class StoreException extends AgentkitException {
    private static final long serialVersionUID = 1L;
    private final boolean transientFailure;

    public StoreException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    /** Whether the same call may succeed later without any change. */
    public boolean isTransient() {
        return transientFailure;
    }

    /** {@code e}, met while doing {@code action}, classified. */
    static StoreException of(String action, IOException e) {
        return new StoreException(action + ": " + e, !permanent(e), e);
    }

    private static boolean permanent(IOException e) {
        if (e instanceof AccessDeniedException || e instanceof NotDirectoryException) {
            return true;
        }
        String reason = e instanceof FileSystemException f && f.getReason() != null
                ? f.getReason().toLowerCase(Locale.ROOT) : "";
        return reason.contains("read-only") || reason.contains("name too long") || reason.contains("not a directory");
    }
}
