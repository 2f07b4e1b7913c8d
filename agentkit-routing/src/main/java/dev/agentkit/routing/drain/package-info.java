/**
 * Getting requirements onto the agents' queues: {@link dev.agentkit.routing.drain.QueueDrainer}
 * drains a roadmap, routing each requirement and publishing it to
 * {@code work.requirements.<role>} exactly once, and returns a
 * {@link dev.agentkit.routing.drain.DrainReport}. Working items off a queue outside a turn is
 * {@code dev.agentkit.routing.work.WorkLoop}.
 */
package dev.agentkit.routing.drain;
