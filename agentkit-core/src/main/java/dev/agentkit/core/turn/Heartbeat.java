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
    private final Map<Duration, Beat> beats = new HashMap<>();
    /** The beat of the last ack wait watched: a turn's items share one, so most look-ups stop here. */
    private Duration lastAckWait;
    private Beat last;

    /** One repeating timer and the delivery it marks, read on the clock's thread. */
    private static final class Beat {
        final AgentClock.Timer timer;
        volatile Delivery current;

        Beat(AgentClock clock, Duration period) {
            this.timer = clock.scheduleRepeating(period, () -> {
                Delivery c = current;
                if (c != null) {
                    c.inProgress();
                }
            });
        }
    }

    Heartbeat(AgentClock clock) {
        this.clock = clock;
    }

    /** From now until {@link #release}, {@code d} is marked in progress every {@code ackWait / 3}. */
    void watch(Delivery d, Duration ackWait) {
        Beat beat = last;
        if (beat == null || !ackWait.equals(lastAckWait)) {
            Duration period = ackWait.dividedBy(3);
            Duration every = period.isZero() ? Duration.ofMillis(1) : period;
            beat = beats.computeIfAbsent(every, p -> new Beat(clock, p));
            lastAckWait = ackWait;
            last = beat;
        }
        beat.current = d;
    }

    /** {@code d} is settled or abandoned: no more marks for it. */
    void release(Delivery d) {
        for (Beat b : beats.values()) {
            if (b.current == d) {
                b.current = null;
            }
        }
    }

    /** Cancels the timers; called when the turn ends. */
    void stop() {
        beats.values().forEach(b -> {
            b.timer.cancel();
            b.current = null;
        });
        beats.clear();
        lastAckWait = null;
        last = null;
    }
}
