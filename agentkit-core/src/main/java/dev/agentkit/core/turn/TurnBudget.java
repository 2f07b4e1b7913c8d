package dev.agentkit.core.turn;

import java.time.Duration;

/**
 * How much one turn may do: at most {@code maxItems} work items and {@code maxDuration} of wall
 * time. When either is spent the turn stops pulling, so no delivery attempt is burnt on an item
 * it would not process.
 *
 * @param maxItems    the most work items pulled in one turn
 * @param maxDuration the most wall time spent pulling work; {@link Duration#ZERO} for no limit
 */
public record TurnBudget(int maxItems, Duration maxDuration) {
    /** 20 items and 25 minutes: a turn every 30 minutes never overlaps the next. */
    public static final TurnBudget DEFAULT = new TurnBudget(20, Duration.ofMinutes(25));

    public TurnBudget {
        if (maxItems < 1) {
            throw new IllegalArgumentException("maxItems must be positive, was " + maxItems);
        }
        if (maxDuration == null || maxDuration.isNegative()) {
            throw new IllegalArgumentException("maxDuration must be zero or positive, was " + maxDuration);
        }
    }

    /** A budget of {@code maxItems} with no time limit. */
    public static TurnBudget items(int maxItems) {
        return new TurnBudget(maxItems, Duration.ZERO);
    }

    /** Whether a wall-time limit is set. */
    public boolean hasDeadline() {
        return !maxDuration.isZero();
    }
}
