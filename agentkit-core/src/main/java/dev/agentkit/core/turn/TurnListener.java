package dev.agentkit.core.turn;

import dev.agentkit.core.budget.Usage;
import java.util.function.Consumer;

/**
 * Told what every turn does, so users can wire metrics, tracing or audit logs without forking
 * the turn cycle. Register on the runtime ({@code AgentRuntime.builder(b).listener(l)}); every
 * method has a default, so implement only what you need, or build one from a lambda:
 *
 * <pre>{@code
 * TurnListener.onTurnEnded(r -> meter.record(r.agent(), r.done(), r.usage().cost()))
 * }</pre>
 *
 * Called on the turn's thread, inside its MDC; keep it quick. A listener that throws is logged
 * and skipped: it never breaks the turn. Turns that did not start (the lease was held, the state
 * could not be claimed) are not reported, nor are redeliveries of items already processed (the report counts them as
 * duplicates), nor direct and coordination messages.
 */
public interface TurnListener {

    /** A turn began (lease taken, state loaded). */
    default void turnStarted(TurnStart start) {
    }

    /** A work item was done and acked. */
    default void itemDone(ItemEvent item) {
    }

    /** A work item was not done this time: retried, blocked, dead-lettered or deferred by a quota. */
    default void itemFailed(ItemEvent item) {
    }

    /**
     * The agent reported what a model call cost ({@code reportUsage}), on the turn's thread while
     * the call's caller runs, so a tracing listener can put it on the span current there.
     */
    default void usageReported(String agent, String turnId, Usage usage) {
    }

    /** A turn ended, with its figures. */
    default void turnEnded(TurnReport report) {
    }

    /** A listener for turn ends only. */
    static TurnListener onTurnEnded(Consumer<TurnReport> action) {
        return new TurnListener() {
            @Override
            public void turnEnded(TurnReport report) {
                action.accept(report);
            }
        };
    }

    /** A listener for every item, done or not. */
    static TurnListener onItem(Consumer<ItemEvent> action) {
        return new TurnListener() {
            @Override
            public void itemDone(ItemEvent item) {
                action.accept(item);
            }

            @Override
            public void itemFailed(ItemEvent item) {
                action.accept(item);
            }
        };
    }
}
