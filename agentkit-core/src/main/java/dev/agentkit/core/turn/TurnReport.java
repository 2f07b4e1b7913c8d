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
 * @param agent         the agent's name
 * @param turnId        unique id of the turn, {@code <agent>-<n>} with the agent's turn count saved
 *                      before the turn used it ({@code -} for a turn that did not start), also in
 *                      the MDC of its log lines
 * @param startedAt     when the turn began, by the agent's clock
 * @param duration      how long it took, by the agent's clock
 * @param pulled        work deliveries fetched
 * @param done          items done and acked
 * @param retried       items nak'ed for a later retry (including failures by exception and quota deferrals)
 * @param failed        items whose processing threw (counted in {@code retried} or {@code deadLettered} too)
 * @param blocked       items reported blocked
 * @param rejected      items rejected (also counted in {@code deadLettered})
 * @param deadLettered  items sent to the dead letters: rejected, poison, or out of deliveries
 * @param duplicates    redelivered items already processed, acked without work
 * @param humanMessages human chat messages read
 * @param directMessages direct messages read (questions and answers)
 * @param coordination  coordination messages read
 * @param stopReason    why the turn stopped pulling work
 * @param chatError     the chat failure of this turn, if any
 * @param usage         tokens and cost the agent reported during the turn
 * @param budgetResetAt when a spent budget or provider quota lets the agent pull work again;
 *                      {@code null} unless the stop reason is {@code BUDGET_SPENT} or {@code QUOTA_EXCEEDED}
 */
public record TurnReport(String agent, String turnId, Instant startedAt, Duration duration,
                         int pulled, int done, int retried, int failed, int blocked, int rejected,
                         int deadLettered, int duplicates, int humanMessages, int directMessages,
                         int coordination, StopReason stopReason, String chatError, Usage usage,
                         Instant budgetResetAt) {

    public TurnReport {
        usage = usage == null ? Usage.ZERO : usage;
    }

    /** A report without usage figures (no usage reported, no budget stop). */
    public TurnReport(String agent, String turnId, Instant startedAt, Duration duration, int pulled, int done,
                      int retried, int failed, int blocked, int rejected, int deadLettered, int duplicates,
                      int humanMessages, int directMessages, int coordination, StopReason stopReason, String chatError) {
        this(agent, turnId, startedAt, duration, pulled, done, retried, failed, blocked, rejected, deadLettered,
                duplicates, humanMessages, directMessages, coordination, stopReason, chatError, Usage.ZERO, null);
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
}
