package dev.agentkit.core.store;

import java.time.Duration;
import java.time.Instant;

/**
 * How long a processed store keeps a mark, shared by {@link InMemoryProcessedStore} and
 * {@link FileProcessedStore}: a mark older than the period counts as not made, and each write
 * prunes at most {@link #PRUNE_PER_WRITE} old marks, so pruning keeps up with marking at a
 * bounded cost per call. A zero period keeps marks for ever.
 */
record Retention(Duration period) {
    /** Old marks a write removes (or, for the file store, looks at) at most. */
    static final int PRUNE_PER_WRITE = 8;

    Retention {
        if (period == null || period.isNegative()) {
            throw new IllegalArgumentException("retention must be zero (for ever) or positive, was " + period);
        }
    }

    boolean forever() {
        return period.isZero();
    }

    /** Whether a mark made at {@code markedAt} is forgotten at {@code now}. */
    boolean expired(Instant markedAt, Instant now) {
        return !forever() && !markedAt.plus(period).isAfter(now);
    }
}
