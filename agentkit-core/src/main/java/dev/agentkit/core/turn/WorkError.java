package dev.agentkit.core.turn;

/**
 * An {@code Error} thrown by {@code processWork}, carried as the item's failure so the delivery
 * is settled like any other failure (retried, or dead-lettered on its last delivery). Its text is
 * the error's own, for the retry reason and the dead letter.
 */
final class WorkError extends Exception {
    private static final long serialVersionUID = 1L;

    WorkError(Error cause) {
        super(cause.toString(), cause, false, false);
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
