package dev.agentkit.core.turn;

import dev.agentkit.core.budget.Usage;
import java.time.Duration;
import java.time.Instant;

/** The mutable counters of the running turn; becomes a {@link TurnReport} at its end. */
final class TurnTally {
    int pulled;
    int done;
    int retried;
    int failed;
    int blocked;
    int rejected;
    int deadLettered;
    int duplicates;
    int humanMessages;
    int directMessages;
    int coordination;
    StopReason stopReason = StopReason.QUEUE_EMPTY;
    String chatError;
    Usage usage = Usage.ZERO;
    Instant budgetResetAt;

    void chatFailed(String message) {
        if (chatError == null) {
            chatError = message;
        }
    }

    TurnReport report(String agent, String turnId, Instant startedAt, Duration duration) {
        return new TurnReport(agent, turnId, startedAt, duration, pulled, done, retried, failed, blocked, rejected,
                deadLettered, duplicates, humanMessages, directMessages, coordination, stopReason, chatError, usage,
                budgetResetAt);
    }
}
