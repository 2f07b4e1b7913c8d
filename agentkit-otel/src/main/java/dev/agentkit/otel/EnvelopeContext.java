package dev.agentkit.otel;

import dev.agentkit.core.message.Envelope;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trace context in an envelope's headers ({@code traceparent}, {@code tracestate} with the W3C
 * propagator), read and written through the configured {@link TextMapPropagator}; and the marker
 * telling the tracing broker that a work item's span is current.
 */
final class EnvelopeContext {
    /** Set in the context while an item's span is current: publishes then descend from the item. */
    static final ContextKey<Boolean> IN_ITEM = ContextKey.named("agentkit.item");

    @SuppressWarnings("deprecation") // keys() must still be implemented
    private static final TextMapGetter<Envelope> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Envelope carrier) {
            return carrier.headers().keySet();
        }

        @Override
        public String get(Envelope carrier, String key) {
            return carrier == null ? null : carrier.headers().get(key);
        }
    };

    private final TextMapPropagator propagator;

    EnvelopeContext(TextMapPropagator propagator) {
        this.propagator = propagator;
    }

    /** The context the envelope's headers name, or empty ({@link Context#root()}) when they name none. */
    Context extract(Envelope envelope) {
        return propagator.extract(Context.root(), envelope, GETTER);
    }

    /** Whether {@code context} holds a valid span context. */
    static boolean hasSpan(Context context) {
        return Span.fromContext(context).getSpanContext().isValid();
    }

    /** A copy of {@code envelope} carrying {@code context}'s trace headers (replacing any it had). */
    Envelope inject(Context context, Envelope envelope) {
        Map<String, String> headers = new LinkedHashMap<>();
        propagator.inject(context, headers, Map::put);
        Envelope out = envelope;
        for (Map.Entry<String, String> h : headers.entrySet()) {
            out = out.withHeader(h.getKey(), h.getValue());
        }
        return out;
    }
}
