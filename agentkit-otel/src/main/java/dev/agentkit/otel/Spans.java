package dev.agentkit.otel;

import dev.agentkit.core.Redactor;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.function.Supplier;

/**
 * agentkit's tracer with its redactor: starts spans, runs a call with a span current (marking
 * the span failed by what the call throws) and puts error texts on spans redacted, on one line
 * and bounded, so secrets never reach an attribute or a status.
 */
final class Spans {
    /** How long an error text on a span may be. */
    static final int TEXT_LIMIT = 500;

    private final Tracer tracer;
    private final Redactor redactor;

    Spans(Tracer tracer, Redactor redactor) {
        this.tracer = tracer;
        this.redactor = redactor;
    }

    SpanBuilder builder(String name) {
        return tracer.spanBuilder(name);
    }

    @SuppressWarnings("try") // the scope is held, never read
    <T> T within(Span span, Supplier<T> call) {
        try (Scope ignored = span.makeCurrent()) {
            return call.get();
        } catch (RuntimeException | Error e) {
            fail(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    /** Marks {@code span} failed by {@code e}: its type and its redacted message, never a stack trace. */
    void fail(Span span, Throwable e) {
        span.setAttribute(Attrs.ERROR_TYPE, e.getClass().getName());
        span.setStatus(StatusCode.ERROR, text(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }

    /** {@code text} redacted, on one line, within {@link #TEXT_LIMIT}. */
    String text(String text) {
        return redactor.redact(text.replace('\n', ' '), TEXT_LIMIT);
    }
}
