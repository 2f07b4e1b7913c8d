/**
 * Working items off an agent's queue outside a turn: {@link dev.agentkit.routing.work.WorkLoop}
 * pulls one consumer's queue through a {@link dev.agentkit.routing.work.WorkHandler} until it is
 * empty or a budget is spent, settling each item by the turn's own rule, and returns a
 * {@link dev.agentkit.routing.work.WorkReport}. Putting requirements onto the queues is
 * {@code dev.agentkit.routing.drain}.
 */
package dev.agentkit.routing.work;
