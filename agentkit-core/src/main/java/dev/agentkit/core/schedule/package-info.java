/**
 * Turn scheduling: {@link dev.agentkit.core.schedule.TurnScheduler} runs agents' turns on
 * staggered {@link dev.agentkit.core.schedule.Schedule}s, on an injected clock.
 */
package dev.agentkit.core.schedule;
