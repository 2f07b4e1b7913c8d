package dev.agentkit.core.turn;

/** Why a turn stopped pulling work; part of every {@link TurnReport}. */
public enum StopReason {
    /** The work queue had nothing more to deliver. */
    QUEUE_EMPTY,
    /** The turn's item budget was spent. */
    MAX_ITEMS,
    /** The turn's wall-time budget was spent. */
    DEADLINE,
    /** A human paused the agent; no work was pulled. */
    PAUSED,
    /** Another turn of the same agent holds the lease; this turn did nothing. */
    LEASE_HELD,
    /** The broker failed; what was fetched was left to be redelivered. */
    BROKER_FAILURE,
    /** The agent's usage budget for the period is spent; {@code TurnReport.budgetReset()} says until when. */
    BUDGET_SPENT,
    /** The language-model provider's quota is exhausted; {@code TurnReport.budgetReset()} says until when. */
    QUOTA_EXCEEDED
}
