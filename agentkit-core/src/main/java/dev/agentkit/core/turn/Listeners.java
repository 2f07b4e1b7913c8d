package dev.agentkit.core.turn;

import dev.agentkit.core.budget.Usage;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls the runtime's {@link TurnListener}s in order; one that throws is logged and skipped. */
final class Listeners {
    private static final Logger log = LoggerFactory.getLogger(Listeners.class);

    private final List<TurnListener> listeners;

    Listeners(List<TurnListener> listeners) {
        this.listeners = listeners;
    }

    /** Whether any listener is registered (when none, callers need not build the events). */
    boolean any() {
        return !listeners.isEmpty();
    }

    void turnStarted(TurnStart start) {
        each(l -> l.turnStarted(start));
    }

    void item(ItemEvent event) {
        each(l -> {
            if (event.result() == ItemEvent.Result.DONE) {
                l.itemDone(event);
            } else {
                l.itemFailed(event);
            }
        });
    }

    void usage(String agent, String turnId, Usage usage) {
        each(l -> l.usageReported(agent, turnId, usage));
    }

    void turnEnded(TurnReport report) {
        each(l -> l.turnEnded(report));
    }

    private void each(Consumer<TurnListener> call) {
        for (TurnListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                log.warn("turn listener {} failed; the turn goes on: {}", l.getClass().getName(), e.toString(), e);
            }
        }
    }
}
