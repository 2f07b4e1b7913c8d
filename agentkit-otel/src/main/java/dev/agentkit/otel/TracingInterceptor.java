package dev.agentkit.otel;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.budget.Usage;
import dev.agentkit.core.chat.ChatPort;
import dev.agentkit.core.turn.ItemEvent;
import dev.agentkit.core.turn.TurnInterceptor;
import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.core.turn.TurnStart;
import dev.agentkit.core.turn.WorkItem;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * agentkit's spans around turns and items, and its tracing broker. A turn's span is a child of
 * whatever is current when the turn starts (usually nothing: a new trace per turn). An item's span
 * continues the trace named by the fetched message's headers, so it joins the requirement's
 * trace, and links to the turn's span; inside it, the item's publishes descend from it.
 */
final class TracingInterceptor implements TurnInterceptor {
    private final Spans spans;
    private final EnvelopeContext headers;

    TracingInterceptor(Spans spans, EnvelopeContext headers) {
        this.spans = spans;
        this.headers = headers;
    }

    @Override
    public Broker broker(Broker broker) {
        return new TracingBroker(broker, spans, headers);
    }

    @Override
    public ChatPort chat(ChatPort chat) {
        return new TracingChat(chat, spans);
    }

    @Override
    @SuppressWarnings("try") // the scope and the MDC are held, never read
    public TurnReport turn(Chain<TurnStart, TurnReport> chain) {
        TurnStart start = chain.item();
        Span span = spans.builder("turn " + start.agent()).setAttribute(Attrs.AGENT, start.agent())
                .setAttribute(Attrs.TURN, start.turnId()).startSpan();
        try (Scope ignored = span.makeCurrent(); SpanMdc mdc = SpanMdc.put(span)) {
            TurnReport r = chain.proceed();
            span.setAttribute(Attrs.STOP_REASON, r.stopReason().name()).setAttribute("agentkit.pulled", r.pulled())
                    .setAttribute("agentkit.done", r.done()).setAttribute("agentkit.retried", r.retried())
                    .setAttribute("agentkit.blocked", r.blocked()).setAttribute("agentkit.dead_lettered", r.deadLettered())
                    .setAttribute("agentkit.duplicates", r.duplicates())
                    .setAttribute("agentkit.human_messages", r.humanMessages())
                    .setAttribute("agentkit.direct_messages", r.directMessages())
                    .setAttribute("agentkit.coordination", r.coordination());
            usage(span, r.usage());
            r.chatFailure().ifPresent(f -> span.setAttribute("agentkit.chat_failure", spans.text(f)));
            return r;
        } catch (RuntimeException | Error e) {
            spans.fail(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    @Override
    public ItemEvent item(Chain<WorkItem, ItemEvent> chain) {
        return traced(chain);
    }

    @Override
    public ItemEvent message(Chain<WorkItem, ItemEvent> chain) {
        return traced(chain);
    }

    @SuppressWarnings("try") // the scope and the MDC are held, never read
    private ItemEvent traced(Chain<WorkItem, ItemEvent> chain) {
        WorkItem item = chain.item();
        Context current = Context.current();
        Context parent = headers.extract(item.envelope());
        boolean continues = EnvelopeContext.hasSpan(parent);
        SpanBuilder builder = spans.builder("process " + item.subject()).setSpanKind(SpanKind.CONSUMER)
                .setParent(continues ? parent : current);
        Attrs.messaging(builder, item.subject(), "process", "process");
        builder.setAttribute(Attrs.MESSAGE_ID, item.id()).setAttribute(Attrs.DELIVERY_COUNT, (long) item.deliveryCount());
        item.envelope().requirementId().ifPresent(r -> builder.setAttribute(Attrs.REQUIREMENT, r));
        if (continues && EnvelopeContext.hasSpan(current)) {
            builder.addLink(Span.fromContext(current).getSpanContext());
        }
        Span span = builder.startSpan();
        Context inside = (continues ? parent : current).with(span).with(EnvelopeContext.IN_ITEM, Boolean.TRUE);
        try (Scope ignored = inside.makeCurrent(); SpanMdc mdc = SpanMdc.put(span)) {
            ItemEvent e = chain.proceed();
            span.setAttribute(Attrs.AGENT, e.agent()).setAttribute(Attrs.TURN, e.turnId())
                    .setAttribute(Attrs.OUTCOME, e.result().name());
            usage(span, e.usage());
            if (!e.detail().isEmpty()) {
                span.setAttribute(Attrs.DETAIL, spans.text(e.detail()));
            }
            if (e.result() == ItemEvent.Result.DEAD_LETTERED) {
                span.setStatus(StatusCode.ERROR, spans.text(e.detail()));
            }
            return e;
        } catch (RuntimeException | Error e) {
            spans.fail(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    private static void usage(Span span, Usage usage) {
        if (usage != null && !usage.isZero()) {
            span.setAttribute(Attrs.TOKENS_IN, usage.tokensIn()).setAttribute(Attrs.TOKENS_OUT, usage.tokensOut())
                    .setAttribute(Attrs.COST, usage.cost().doubleValue());
        }
    }
}
