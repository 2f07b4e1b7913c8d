package dev.agentkit.otel;

import dev.agentkit.core.budget.Usage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;

/**
 * One call to a language model, as a client span with the OpenTelemetry GenAI attributes
 * ({@code gen_ai.system}, {@code gen_ai.request.model}, {@code gen_ai.operation.name},
 * {@code gen_ai.usage.input_tokens} and {@code output_tokens}). Made by
 * {@link AgentkitTelemetry#modelCall}, current until closed, on the thread that made it. The
 * tokens come from {@link #usage(long, long)}, or from the agent's {@code reportUsage} made while
 * the call is current (the listener {@link AgentkitTelemetry#install} adds puts them here):
 *
 * <pre>{@code
 * try (ModelCall call = telemetry.modelCall("anthropic", "claude-sonnet-4-5")) {
 *     Reply reply = client.send(prompt);
 *     reportUsage(reply.inputTokens(), reply.outputTokens(), reply.cost());
 * }
 * }</pre>
 *
 * Prompts and replies never reach the span.
 */
public final class ModelCall implements AutoCloseable {
    /** The model call current in a context, if any. */
    static final ContextKey<ModelCall> KEY = ContextKey.named("agentkit.model-call");

    private final Span span;
    private final Spans spans;
    private final Scope scope;
    private long tokensIn;
    private long tokensOut;

    ModelCall(Span span, Spans spans) {
        this.span = span;
        this.spans = spans;
        this.scope = Context.current().with(span).with(KEY, this).makeCurrent();
    }

    /** Adds {@code in} input and {@code out} output tokens to the call's usage. */
    public ModelCall usage(long in, long out) {
        tokensIn += in;
        tokensOut += out;
        span.setAttribute(Attrs.TOKENS_IN, tokensIn).setAttribute(Attrs.TOKENS_OUT, tokensOut);
        return this;
    }

    /** Marks the call failed by {@code error} (its type and redacted message). */
    public ModelCall failed(Throwable error) {
        spans.fail(span, error);
        return this;
    }

    /** Adds what {@code reportUsage} reported while the call was current. */
    void add(Usage usage) {
        usage(usage.tokensIn(), usage.tokensOut());
    }

    /** Ends the span and makes the context before it current again. */
    @Override
    public void close() {
        scope.close();
        span.end();
    }
}
