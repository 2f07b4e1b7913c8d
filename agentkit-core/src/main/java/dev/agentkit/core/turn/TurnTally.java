package dev.agentkit.core.turn;

import dev.agentkit.core.budget.Usage;
import java.time.Duration;
import java.time.Instant;

/**
 * The counters of the running turn, written only by the turn cycle as it folds in what each step
 * returned; becomes a {@link TurnReport} at its end.
 */
final class TurnTally {
    private int pulled;
    private int done;
    private int retried;
    private int failed;
    private int blocked;
    private int rejected;
    private int deadLettered;
    private int duplicates;
    private int humanMessages;
    private int directMessages;
    private int coordination;
    private StopReason stopReason = StopReason.QUEUE_EMPTY;
    private Instant budgetResetAt;
    private String chatError;

    /** What the chat step read. */
    void chat(ChatStep.Read read) {
        humanMessages += read.humanMessages();
        chatFailed(read.error());
    }

    /** What the direct-message step read. */
    void direct(MessageStep.Read read) {
        directMessages += read.read();
        deadLettered += read.deadLettered();
    }

    /** What the coordination step read. */
    void coordination(MessageStep.Read read) {
        coordination += read.read();
        deadLettered += read.deadLettered();
    }

    /** What the work step pulled, how each item was settled, and why it stopped. */
    void work(WorkStep.Result result) {
        pulled += result.pulled();
        duplicates += result.duplicates();
        result.settled().forEach(this::settled);
        stop(result.stopReason(), result.budgetResetAt());
    }

    private void settled(Settlement.Settled s) {
        switch (s.result()) {
            case DONE -> done++;
            case DEAD_LETTERED -> deadLettered++;
            default -> retried++;
        }
        failed += s.failed() ? 1 : 0;
        rejected += s.rejected() ? 1 : 0;
        blocked += s.blocked() ? 1 : 0;
    }

    /** Why the turn stopped pulling (the last reason wins); {@code resetAt} for a budget or quota stop. */
    void stop(StopReason reason, Instant resetAt) {
        stopReason = reason;
        if (resetAt != null) {
            budgetResetAt = resetAt;
        }
    }

    /** The first chat failure of the turn is the one reported; null is none. */
    void chatFailed(String message) {
        if (chatError == null) {
            chatError = message;
        }
    }

    TurnReport report(String agent, String turnId, Instant startedAt, Duration duration, Usage usage) {
        return new TurnReport(agent, turnId, startedAt, duration, pulled, done, retried, failed, blocked, rejected,
                deadLettered, duplicates, humanMessages, directMessages, coordination, stopReason, chatError, usage,
                budgetResetAt);
    }
}
