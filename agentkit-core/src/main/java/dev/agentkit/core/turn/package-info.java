/**
 * The turn cycle: {@link dev.agentkit.core.turn.TurnBasedAgent}, the user's extension point, with
 * its configuration, runtime, outcomes, reports, state and lease, and the
 * {@link dev.agentkit.core.turn.TurnListener} and {@link dev.agentkit.core.turn.TurnInterceptor}
 * SPIs and {@link dev.agentkit.core.turn.TurnMdc} keys
 * for metrics, tracing and logs. See the {@code dev.agentkit.core} package page for what code
 * inside a turn may do.
 */
package dev.agentkit.core.turn;
