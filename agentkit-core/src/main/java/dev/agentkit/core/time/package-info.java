/** Injected time: {@link dev.agentkit.core.time.AgentClock} and its production implementation. */
package dev.agentkit.core.time;
