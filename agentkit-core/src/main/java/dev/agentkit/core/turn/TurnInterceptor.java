package dev.agentkit.core.turn;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.chat.ChatPort;

/**
 * Wraps what a turn does, for tracing and other cross-cutting concerns that must run
 * <em>around</em> the work rather than be told of it afterwards ({@link TurnListener} is told).
 * The shape is OkHttp's {@code Interceptor}: each method gets a {@link Chain}, reads
 * {@link Chain#item()}, and calls {@link Chain#proceed()} exactly once, on the turn's thread, so a
 * thread-local context (an OpenTelemetry span, MDC keys) it makes current holds while the turn or
 * the item runs. Registered on the runtime with {@code AgentRuntime.builder(b).interceptor(i)};
 * the first registered is the outermost. {@code agentkit-otel} implements it; core knows nothing
 * of OpenTelemetry.
 *
 * <p>Every method has a default that only proceeds. An interceptor that throws breaks the turn
 * like a failing step: keep it quick and total.
 */
public interface TurnInterceptor {

    /**
     * Decorates the broker every publish and fetch of the runtime's agents, oversight commands
     * and dead letters goes through, e.g. to add headers; called once when the runtime is built.
     * The default returns it unchanged.
     */
    default Broker broker(Broker broker) {
        return broker;
    }

    /**
     * Decorates the chat port of each agent built on the runtime (its own seat), e.g. to trace
     * reads and posts; called when the runtime is built. The default returns it unchanged.
     */
    default ChatPort chat(ChatPort chat) {
        return chat;
    }

    /** Around one turn, from its claimed id to its final report (state saved, listeners told). */
    default TurnReport turn(Chain<TurnStart, TurnReport> chain) {
        return chain.proceed();
    }

    /**
     * Around one work item: {@code processWork}, the item's completion (its held publishes go
     * out) and its settlement. Redeliveries of items already processed are acked without it.
     */
    default ItemEvent item(Chain<WorkItem, ItemEvent> chain) {
        return chain.proceed();
    }

    /**
     * Around one direct or coordination message as a turn reads it: {@code onQuestion},
     * {@code onAnswer} or {@code onCoordination}, the answer it sends, and its settlement. The
     * event's duration and usage are zero (they are not measured for messages).
     */
    default ItemEvent message(Chain<WorkItem, ItemEvent> chain) {
        return chain.proceed();
    }

    /**
     * What an interceptor wraps: the thing about to run and the rest of the chain.
     *
     * @param <I> what is about to run ({@link TurnStart}, {@link WorkItem})
     * @param <R> what it came to ({@link TurnReport}, {@link ItemEvent})
     */
    interface Chain<I, R> {
        /** What is about to run. */
        I item();

        /** Runs the rest of the chain and what it wraps; call it exactly once. */
        R proceed();
    }
}
