package dev.agentkit.routing.work;

import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.WorkItem;

/**
 * Does the work of one item pulled by {@link WorkLoop} and says how it went; the loop settles
 * the delivery by the {@link Outcome}, so handlers never ack or nak. The same shape as
 * {@code TurnBasedAgent.processWork}, so an agent's logic can be reused as a handler.
 */
@FunctionalInterface
public interface WorkHandler {

    /**
     * Processes {@code item}.
     *
     * @throws Exception any failure: the item is retried after the loop's failure delay, or
     *                   dead-lettered on its last delivery; a {@code PoisonMessageException}
     *                   dead-letters it at once
     */
    Outcome handle(WorkItem item) throws Exception;
}
