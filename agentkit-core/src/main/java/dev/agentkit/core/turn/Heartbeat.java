package dev.agentkit.core.turn;

import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.time.AgentClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the turn's lease and the delivery being processed alive. While a handler runs, the
 * delivery is marked in progress every third of its consumer's ack wait, so long work is not
 * redelivered elsewhere; one repeating timer per ack-wait period serves the whole turn (not one
 * timer per item, which would put a schedule and a cancel on every message's path) and beats for
 * whichever delivery is current, started lazily. For the whole turn, the lease is renewed every
 * third of its time to live, so a turn longer than its lease keeps it; once a renewal is refused,
 * or the lease ran out unrenewed (its store could not be reached), {@link #leaseLost()} tells the
 * turn to stop pulling. Renewals run on the clock's timer thread. Stopped when the turn ends.
 */
final class Heartbeat {
    private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);
    private final AgentClock clock;
    private final String agent;
    private final Map<Duration, Beat> beats = new HashMap<>();
    /** The beat of the last ack wait watched: a turn's items share one, so most look-ups stop here. */
    private Duration lastAckWait;
    private Beat last;
    private AgentClock.Timer leaseTimer;
    private volatile Instant leaseExpires = Instant.MAX;
    /** {@link #leaseExpires} on the clock's monotonic timer, read for every item; {@code Long.MAX_VALUE} until held. */
    private volatile long leaseExpiresNanos = Long.MAX_VALUE;
    private volatile boolean leaseLost;

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

    Heartbeat(AgentClock clock, String agent) {
        this.clock = clock;
        this.agent = agent;
    }

    /** Renews {@code lease} for {@code ttl} every third of {@code ttl}, until {@link #stop}. */
    void keepLease(TurnLease.Held lease, Duration ttl) {
        expireIn(ttl);
        leaseTimer = clock.scheduleRepeating(third(ttl), () -> renew(lease, ttl));
    }

    private void renew(TurnLease.Held lease, Duration ttl) {
        if (leaseLost) {
            return;
        }
        Instant now = clock.now();
        try {
            if (lease.renew(ttl)) {
                expireIn(ttl);
                return;
            }
            log.warn("{} lost its turn lease: another turn holds it now; this turn stops pulling work", agent);
        } catch (RuntimeException e) {
            if (now.isBefore(leaseExpires)) {
                log.warn("{} could not renew its turn lease, keeps it until {}: {}", agent, leaseExpires, e.getMessage());
                return;
            }
            log.warn("{} could not renew its turn lease before it ran out ({}); this turn stops pulling work: {}",
                    agent, leaseExpires, e.getMessage());
        }
        leaseLost = true;
    }

    private void expireIn(Duration ttl) {
        leaseExpires = clock.now().plus(ttl);
        leaseExpiresNanos = clock.nanoTime() + ttl.toNanos();
    }

    /** Whether the turn's lease was lost: a renewal was refused, or it ran out without one. */
    boolean leaseLost() {
        long expires = leaseExpiresNanos;
        return leaseLost || expires != Long.MAX_VALUE && clock.nanoTime() - expires >= 0;
    }

    /** From now until {@link #release}, {@code d} is marked in progress every {@code ackWait / 3}. */
    void watch(Delivery d, Duration ackWait) {
        Beat beat = last;
        if (beat == null || !ackWait.equals(lastAckWait)) {
            beat = beats.computeIfAbsent(third(ackWait), p -> new Beat(clock, p));
            lastAckWait = ackWait;
            last = beat;
        }
        beat.current = d;
    }

    /** {@code d} is settled or abandoned: no more marks for it. */
    void release(Delivery d) {
        if (last != null && last.current == d) {
            last.current = null;
            return;
        }
        for (Beat b : beats.values()) {
            if (b.current == d) {
                b.current = null;
            }
        }
    }

    private static Duration third(Duration d) {
        Duration period = d.dividedBy(3);
        return period.isZero() ? Duration.ofMillis(1) : period;
    }

    /** Cancels the timers; called when the turn ends. */
    void stop() {
        if (leaseTimer != null) {
            leaseTimer.cancel();
            leaseTimer = null;
        }
        beats.values().forEach(b -> {
            b.timer.cancel();
            b.current = null;
        });
        beats.clear();
        lastAckWait = null;
        last = null;
    }
}
