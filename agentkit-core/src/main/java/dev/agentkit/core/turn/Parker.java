package dev.agentkit.core.turn;

import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.topology.ConsumerSpec;

/**
 * Parks an item whose {@code processWork} awaits a human's decision: the turn's
 * {@link DeliveryProcessor} is one; a {@link Settlement} without a parker (a work loop's) blocks
 * such an item instead.
 */
@FunctionalInterface
interface Parker {
    /** Stores the question, asks it and acks {@code d}; how it was settled. */
    Settlement.Settled park(Delivery d, ConsumerSpec consumer, Outcome.AwaitApproval await);
}
