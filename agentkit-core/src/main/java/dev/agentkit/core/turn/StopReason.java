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
    BROKER_FAILURE
}
