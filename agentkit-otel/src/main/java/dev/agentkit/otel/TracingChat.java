package dev.agentkit.otel;

import dev.agentkit.core.chat.ChatBatch;
import dev.agentkit.core.chat.ChatPort;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;

/**
 * A {@link ChatPort} with a client span per read ({@code chat read}: how many messages) and per
 * post ({@code chat post}: the room, never the text); a {@code ChatException} is the span's error.
 */
final class TracingChat implements ChatPort {
    static final AttributeKey<String> ROOM = AttributeKey.stringKey("agentkit.chat.room");
    static final AttributeKey<Long> MESSAGES = AttributeKey.longKey("agentkit.chat.messages");

    private final ChatPort delegate;
    private final Spans spans;

    TracingChat(ChatPort delegate, Spans spans) {
        this.delegate = delegate;
        this.spans = spans;
    }

    @Override
    public ChatBatch read(String cursor) {
        Span span = spans.builder("chat read").setSpanKind(SpanKind.CLIENT).startSpan();
        return spans.within(span, () -> {
            ChatBatch batch = delegate.read(cursor);
            span.setAttribute(MESSAGES, (long) batch.messages().size());
            return batch;
        });
    }

    @Override
    public void post(String room, String text, String idempotencyKey) {
        Span span = spans.builder("chat post").setSpanKind(SpanKind.CLIENT).setAttribute(ROOM, room).startSpan();
        spans.within(span, () -> {
            delegate.post(room, text, idempotencyKey);
            return null;
        });
    }

    @Override
    public ChatPort seatFor(String agentName) {
        ChatPort seat = delegate.seatFor(agentName);
        return seat == delegate ? this : new TracingChat(seat, spans);
    }

    @Override
    public String toString() {
        return "TracingChat(" + delegate + ")";
    }
}
