/**
 * OpenTelemetry for agentkit: {@link dev.agentkit.otel.AgentkitTelemetry} installs W3C trace
 * context on every published message, spans per turn, item, message, publish, chat call and
 * routing decision, {@link dev.agentkit.otel.ModelCall} spans with the GenAI attributes, and the
 * {@code agentkit.*} metrics. It plugs into core through {@link dev.agentkit.core.turn.TurnInterceptor}
 * and {@link dev.agentkit.core.turn.TurnListener}; core knows nothing of OpenTelemetry.
 */
package dev.agentkit.otel;
