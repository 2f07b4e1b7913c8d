package dev.agentkit.core.turn;

import dev.agentkit.core.budget.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The figures of one turn, returned by {@code TurnBasedAgent.runTurn()}: what was pulled and
 * what became of it, what humans and agents said, what language models cost, why the turn
 * stopped, and whether the chat failed. Logged at INFO at the end of every turn and handed to
 * {@link TurnListener#turnEnded}.
 *
 * <p>A value: made by the turn, read by users; agentkit may add figures in later versions, so it has
 * no public constructor.
 */
public final class TurnReport {
    private final String agent;
    private final String turnId;
    private final Instant startedAt;
    private final Duration duration;
    private final int pulled;
    private final int done;
    private final int retried;
    private final int failed;
    private final int blocked;
    private final int rejected;
    private final int deadLettered;
    private final int duplicates;
    private final int humanMessages;
    private final int directMessages;
    private final int coordination;
    private final StopReason stopReason;
    private final String chatError;
    private final Usage usage;
    private final Instant budgetResetAt;

    TurnReport(String agent, String turnId, Instant startedAt, Duration duration, int pulled, int done, int retried,
               int failed, int blocked, int rejected, int deadLettered, int duplicates, int humanMessages,
               int directMessages, int coordination, StopReason stopReason, String chatError, Usage usage,
               Instant budgetResetAt) {
        this.agent = agent;
        this.turnId = turnId;
        this.startedAt = startedAt;
        this.duration = duration;
        this.pulled = pulled;
        this.done = done;
        this.retried = retried;
        this.failed = failed;
        this.blocked = blocked;
        this.rejected = rejected;
        this.deadLettered = deadLettered;
        this.duplicates = duplicates;
        this.humanMessages = humanMessages;
        this.directMessages = directMessages;
        this.coordination = coordination;
        this.stopReason = stopReason;
        this.chatError = chatError;
        this.usage = usage == null ? Usage.ZERO : usage;
        this.budgetResetAt = budgetResetAt;
    }

    /** The agent's name. */
    public String agent() {
        return agent;
    }

    /**
     * Unique id of the turn, {@code <agent>-<n>} with the agent's turn count saved before the turn
     * used it ({@code -} for a turn that did not start), also in the MDC of its log lines.
     */
    public String turnId() {
        return turnId;
    }

    /** When the turn began, by the agent's clock. */
    public Instant startedAt() {
        return startedAt;
    }

    /** How long it took, by the agent's clock. */
    public Duration duration() {
        return duration;
    }

    /** Work deliveries fetched. */
    public int pulled() {
        return pulled;
    }

    /** Items done and acked. */
    public int done() {
        return done;
    }

    /** Items nak'ed for a later retry (including failures by exception and quota deferrals). */
    public int retried() {
        return retried;
    }

    /** Items whose processing threw (counted in {@code retried} or {@code deadLettered} too). */
    public int failed() {
        return failed;
    }

    /** Items reported blocked. */
    public int blocked() {
        return blocked;
    }

    /** Items rejected (also counted in {@code deadLettered}). */
    public int rejected() {
        return rejected;
    }

    /** Items sent to the dead letters: rejected, poison, or out of deliveries. */
    public int deadLettered() {
        return deadLettered;
    }

    /** Redelivered items already processed, acked without work. */
    public int duplicates() {
        return duplicates;
    }

    /** Human chat messages read. */
    public int humanMessages() {
        return humanMessages;
    }

    /** Direct messages read (questions and answers). */
    public int directMessages() {
        return directMessages;
    }

    /** Coordination messages read. */
    public int coordination() {
        return coordination;
    }

    /** Why the turn stopped pulling work. */
    public StopReason stopReason() {
        return stopReason;
    }

    /** The chat failure of this turn, if any. */
    public String chatError() {
        return chatError;
    }

    /** Tokens and cost the agent reported during the turn. */
    public Usage usage() {
        return usage;
    }

    /**
     * When a spent budget or provider quota lets the agent pull work again; {@code null} unless the
     * stop reason is {@code BUDGET_SPENT} or {@code QUOTA_EXCEEDED}.
     */
    public Instant budgetResetAt() {
        return budgetResetAt;
    }

    /** The chat failure, if the chat part of the turn failed. */
    public Optional<String> chatFailure() {
        return Optional.ofNullable(chatError);
    }

    /** When the agent may pull work again, if a budget or quota stopped it: a scheduler's cue. */
    public Optional<Instant> budgetReset() {
        return Optional.ofNullable(budgetResetAt);
    }

    /** Whether the turn did nothing at all: no work, no messages. */
    public boolean idle() {
        return pulled == 0 && humanMessages == 0 && directMessages == 0 && coordination == 0;
    }

    /** One line for logs and chat: {@code roy turn 3f2a: 3 done, 1 retried, ... (QUEUE_EMPTY, 12 ms)}. */
    public String summary() {
        return agent + " turn " + turnId + ": " + pulled + " pulled, " + done + " done, " + retried + " retried, "
                + blocked + " blocked, " + deadLettered + " dead-lettered, " + duplicates + " duplicates, "
                + humanMessages + " human, " + directMessages + " direct, " + coordination + " coordination"
                + (usage.isZero() ? "" : ", " + usage) + " ("
                + stopReason + (budgetResetAt == null ? "" : " until " + budgetResetAt) + ", "
                + duration.toMillis() + " ms" + (chatError == null ? "" : ", chat failed") + ")";
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TurnReport r)) {
            return false;
        }
        return pulled == r.pulled && done == r.done && retried == r.retried && failed == r.failed
                && blocked == r.blocked && rejected == r.rejected && deadLettered == r.deadLettered
                && duplicates == r.duplicates && humanMessages == r.humanMessages
                && directMessages == r.directMessages && coordination == r.coordination
                && agent.equals(r.agent) && turnId.equals(r.turnId) && startedAt.equals(r.startedAt)
                && duration.equals(r.duration) && stopReason == r.stopReason
                && java.util.Objects.equals(chatError, r.chatError) && usage.equals(r.usage)
                && java.util.Objects.equals(budgetResetAt, r.budgetResetAt);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(agent, turnId, startedAt, duration, pulled, done, retried, failed, blocked,
                rejected, deadLettered, duplicates, humanMessages, directMessages, coordination, stopReason, chatError,
                usage, budgetResetAt);
    }

    /** The {@link #summary()}. */
    @Override
    public String toString() {
        return summary();
    }
}
