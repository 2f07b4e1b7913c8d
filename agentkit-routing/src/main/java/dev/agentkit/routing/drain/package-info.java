/**
 * Getting requirements onto the agents' queues and off them again.
 * {@link dev.agentkit.routing.drain.QueueDrainer} routes requirements and publishes each to
 * {@code work.requirements.<role>} exactly once, returning a
 * {@link dev.agentkit.routing.drain.DrainReport}; {@link dev.agentkit.routing.drain.DrainLoop}
 * pulls one consumer's queue through a handler until it is empty or a budget is spent.
 */
package dev.agentkit.routing.drain;
