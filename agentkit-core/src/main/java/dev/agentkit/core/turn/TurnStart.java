package dev.agentkit.core.turn;

import java.time.Instant;

/**
 * The start of a turn, for {@link TurnListener#turnStarted}.
 *
 * @param agent     the agent's name
 * @param turnId    the turn's id, as in its report and MDC
 * @param startedAt when it began, by the agent's clock
 */
public record TurnStart(String agent, String turnId, Instant startedAt) {
}
