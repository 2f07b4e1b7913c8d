package dev.agentkit.core.turn;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The figures of one turn, returned by {@code TurnBasedAgent.runTurn()}: what was pulled and
 * what became of it, what humans and agents said, why the turn stopped, and whether the chat
 * failed. Logged at INFO at the end of every turn.
 *
 * @param agent         the agent's name
 * @param turnId        unique id of the turn, also in the MDC of its log lines
 * @param startedAt     when the turn began, by the agent's clock
 * @param duration      how long it took, by the agent's clock
 * @param pulled        work deliveries fetched
 * @param done          items done and acked
 * @param retried       items nak'ed for a later retry (including failures by exception)
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
 */
public record TurnReport(String agent, String turnId, Instant startedAt, Duration duration,
                         int pulled, int done, int retried, int failed, int blocked, int rejected,
                         int deadLettered, int duplicates, int humanMessages, int directMessages,
                         int coordination, StopReason stopReason, String chatError) {

    /** The chat failure, if the chat part of the turn failed. */
    public Optional<String> chatFailure() {
        return Optional.ofNullable(chatError);
    }

    /** Whether the turn did nothing at all: no work, no messages. */
    public boolean idle() {
        return pulled == 0 && humanMessages == 0 && directMessages == 0 && coordination == 0;
    }

    /** One line for logs and chat: {@code roy turn 3f2a: 3 done, 1 retried, ... (QUEUE_EMPTY, 12 ms)}. */
    public String summary() {
        return agent + " turn " + turnId + ": " + pulled + " pulled, " + done + " done, " + retried + " retried, "
                + blocked + " blocked, " + deadLettered + " dead-lettered, " + duplicates + " duplicates, "
                + humanMessages + " human, " + directMessages + " direct, " + coordination + " coordination ("
                + stopReason + ", " + duration.toMillis() + " ms" + (chatError == null ? "" : ", chat failed") + ")";
    }
}
