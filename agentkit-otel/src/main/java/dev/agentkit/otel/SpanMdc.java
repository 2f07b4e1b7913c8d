package dev.agentkit.otel;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import org.slf4j.MDC;

/**
 * Puts a span's ids in the slf4j MDC as {@code trace_id} and {@code span_id} (the keys
 * OpenTelemetry's logging bridges use) while it is current, beside agentkit's own
 * {@code agentkit.*} keys, and restores what was there before when closed.
 */
final class SpanMdc implements AutoCloseable {
    /** The MDC key of the current trace id. */
    static final String TRACE_ID = "trace_id";
    /** The MDC key of the current span id. */
    static final String SPAN_ID = "span_id";

    private final String traceBefore;
    private final String spanBefore;

    private SpanMdc(String traceBefore, String spanBefore) {
        this.traceBefore = traceBefore;
        this.spanBefore = spanBefore;
    }

    static SpanMdc put(Span span) {
        SpanMdc saved = new SpanMdc(MDC.get(TRACE_ID), MDC.get(SPAN_ID));
        SpanContext c = span.getSpanContext();
        if (c.isValid()) {
            MDC.put(TRACE_ID, c.getTraceId());
            MDC.put(SPAN_ID, c.getSpanId());
        }
        return saved;
    }

    @Override
    public void close() {
        restore(TRACE_ID, traceBefore);
        restore(SPAN_ID, spanBefore);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
