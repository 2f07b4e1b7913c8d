package dev.agentkit.otel;

import dev.agentkit.core.budget.Usage;
import dev.agentkit.core.turn.TurnListener;
import io.opentelemetry.context.Context;

/** Puts what {@code reportUsage} reports on the {@link ModelCall} current at the time, if one is. */
final class ModelUsage implements TurnListener {
    @Override
    public void usageReported(String agent, String turnId, Usage usage) {
        ModelCall call = Context.current().get(ModelCall.KEY);
        if (call != null) {
            call.add(usage);
        }
    }
}
