package dev.agentkit.otel;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.broker.ForwardingBroker;
import dev.agentkit.core.broker.PublishResult;
import dev.agentkit.core.message.Envelope;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;

/**
 * A {@link Broker} that publishes through another with a producer span per publish and the
 * span's W3C trace context in the message's headers; everything else passes through.
 *
 * <p>The publish's parent: the current context inside a work item (announcements, dead letters,
 * requeues and questions descend from the item that made them); elsewhere the trace the message
 * already names, when it names one (a {@code retry} or {@code reassign} from chat republishes a
 * stored message and so continues the requirement's trace, linked to the current span); else the
 * current context (a new trace when none is current).
 */
final class TracingBroker extends ForwardingBroker {
    /** Bytes kept for {@code traceparent} (55 characters) and a {@code tracestate} (at most 512) with their names. */
    static final long TRACE_HEADER_ROOM = 600;

    private final Spans spans;
    private final EnvelopeContext headers;

    TracingBroker(Broker delegate, Spans spans, EnvelopeContext headers) {
        super(delegate);
        this.spans = spans;
        this.headers = headers;
    }

    @Override
    public PublishResult publish(String subject, Envelope envelope) {
        Context current = Context.current();
        Context parent = current;
        if (current.get(EnvelopeContext.IN_ITEM) == null) {
            Context named = headers.extract(envelope);
            if (EnvelopeContext.hasSpan(named)) {
                parent = named;
            }
        }
        SpanBuilder builder = spans.builder("publish " + subject).setSpanKind(SpanKind.PRODUCER).setParent(parent);
        Attrs.messaging(builder, subject, "send", "publish");
        envelope.id().ifPresent(id -> builder.setAttribute(Attrs.MESSAGE_ID, id));
        envelope.requirementId().ifPresent(r -> builder.setAttribute(Attrs.REQUIREMENT, r));
        if (parent != current && EnvelopeContext.hasSpan(current)) {
            builder.addLink(Span.fromContext(current).getSpanContext());
        }
        Span span = builder.startSpan();
        return spans.within(span, () -> {
            PublishResult result = delegate.publish(subject, headers.inject(Context.current(), envelope));
            span.setAttribute(Attrs.STREAM, result.stream());
            span.setAttribute(Attrs.DUPLICATE, result.duplicate());
            return result;
        });
    }

    /** The delegate's, less room for the trace headers this broker adds (dead letters are cut to fit it). */
    @Override
    public long maxPayload() {
        return Math.max(0, delegate.maxPayload() - TRACE_HEADER_ROOM);
    }
}
