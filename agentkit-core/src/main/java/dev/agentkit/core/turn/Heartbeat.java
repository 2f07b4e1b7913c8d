package dev.agentkit.core.turn;

import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.time.AgentClock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps the delivery being processed in progress: while a handler runs, the delivery is marked
 * in progress every third of its consumer's ack wait, so long work is not redelivered elsewhere.
 * One repeating timer per ack-wait period serves the whole turn (not one timer per item, which
 * would put a schedule and a cancel on every message's path); it beats for whichever delivery is
 * current. Started lazily, stopped when the turn ends.
 */
final class Heartbeat {
    private final AgentClock clock;
    private final Map<Duration, AgentClock.Timer> timers = new HashMap<>();
    private final Map<Duration, Delivery> current = new java.util.concurrent.ConcurrentHashMap<>();

    Heartbeat(AgentClock clock) {
        this.clock = clock;
    }

    /** From now until {@link #release}, {@code d} is marked in progress every {@code ackWait / 3}. */
    void watch(Delivery d, Duration ackWait) {
        Duration period = ackWait.dividedBy(3);
        Duration beat = period.isZero() ? Duration.ofMillis(1) : period;
        current.put(beat, d);
        timers.computeIfAbsent(beat, p -> clock.scheduleRepeating(p, () -> {
            Delivery c = current.get(p);
            if (c != null) {
                c.inProgress();
            }
        }));
    }

    /** {@code d} is settled or abandoned: no more marks for it. */
    void release(Delivery d) {
        current.values().removeIf(x -> x == d);
    }

    /** Cancels the timers; called when the turn ends. */
    void stop() {
        timers.values().forEach(AgentClock.Timer::cancel);
        timers.clear();
        current.clear();
    }
}
