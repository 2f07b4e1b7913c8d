package dev.agentkit.core.turn;

import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.budget.Usage;
import dev.agentkit.core.topology.ConsumerSpec;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Runs the runtime's {@link TurnInterceptor}s around a turn or an item, the first registered
 * outermost; with none it only runs what it wraps. Each chain proceeds exactly once.
 */
final class Interceptors {
    private final List<TurnInterceptor> interceptors;
    private final String agent;
    private final String turnId;

    Interceptors(List<TurnInterceptor> interceptors, String agent, String turnId) {
        this.interceptors = interceptors;
        this.agent = agent;
        this.turnId = turnId;
    }

    /** Whether any interceptor is registered. */
    boolean any() {
        return !interceptors.isEmpty();
    }

    TurnReport turn(TurnStart start, Supplier<TurnReport> body) {
        return run(0, start, body, TurnInterceptor::turn);
    }

    ItemEvent item(WorkItem item, Supplier<ItemEvent> body) {
        return run(0, item, body, TurnInterceptor::item);
    }

    /** Runs {@code body}, which settles the direct or coordination message {@code d}, inside the message chain. */
    Settlement.Settled message(Delivery d, ConsumerSpec spec, Supplier<Settlement.Settled> body) {
        if (!any()) {
            return body.get();
        }
        String id = Settlement.itemId(d);
        WorkItem item = new WorkItem(id, d.subject(), d.envelope(), d.deliveryCount(),
                spec.isLastDelivery(d.deliveryCount()));
        Settlement.Settled[] settled = new Settlement.Settled[1];
        run(0, item, () -> {
            settled[0] = body.get();
            return new ItemEvent(agent, turnId, id, d.envelope().requirementId().orElse(id), d.subject(),
                    d.deliveryCount(), settled[0].result(), settled[0].detail(), Duration.ZERO, Usage.ZERO);
        }, TurnInterceptor::message);
        return settled[0];
    }

    private <I, R> R run(int index, I item, Supplier<R> body,
                         BiFunction<TurnInterceptor, TurnInterceptor.Chain<I, R>, R> call) {
        if (index == interceptors.size()) {
            return body.get();
        }
        Link<I, R> link = new Link<>(item, () -> run(index + 1, item, body, call));
        R result = call.apply(interceptors.get(index), link);
        if (!link.proceeded) {
            throw new IllegalStateException("turn interceptor " + interceptors.get(index).getClass().getName()
                    + " returned without calling proceed()");
        }
        return result;
    }

    /** One interceptor's view of the chain. */
    private static final class Link<I, R> implements TurnInterceptor.Chain<I, R> {
        private final I item;
        private final Supplier<R> rest;
        boolean proceeded;

        Link(I item, Supplier<R> rest) {
            this.item = item;
            this.rest = rest;
        }

        @Override
        public I item() {
            return item;
        }

        @Override
        public R proceed() {
            if (proceeded) {
                throw new IllegalStateException("proceed() called twice");
            }
            proceeded = true;
            return rest.get();
        }
    }
}
