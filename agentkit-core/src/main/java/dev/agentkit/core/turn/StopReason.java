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
    QUOTA_EXCEEDED,
    /**
     * The turn lost its lease to another turn of the same agent (a renewal was refused: the lease
     * ran out and another instance took it). It stopped pulling, settled what it held, and did not
     * save its state over the other turn's.
     */
    LEASE_LOST,
    /**
     * The agent's state could not be loaded, claimed or saved (the state store failed). At the
     * start the turn did nothing; at the end its work was settled but what it changed in its state
     * is lost. Takes precedence over the reason the turn stopped pulling.
     */
    STATE_FAILURE,
    /**
     * {@code processWork} threw a {@link VirtualMachineError} (a stack overflow, out of memory):
     * the item was settled as a failure, the state saved, and {@code runTurn} rethrew the error
     * after reporting the turn.
     */
    VM_ERROR
}
