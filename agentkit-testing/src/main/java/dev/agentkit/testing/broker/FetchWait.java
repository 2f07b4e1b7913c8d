package dev.agentkit.testing.broker;

import dev.agentkit.core.time.AgentClock;
import dev.agentkit.testing.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How a fetch of the {@link InMemoryBroker} waits for messages, on the broker's clock.
 *
 * <p>On a {@link VirtualClock} the wait is virtual and never hangs: the fetch first gives other
 * threads {@link #GRACE} of real time to publish, settle or advance the clock; if none did, it
 * lets virtual time pass itself, up to its wait, stopping at each instant something may become
 * available (a nak delay or an ack wait running out, a timer of the clock falling due, which
 * fires on the fetching thread and may publish). So a test's fetch with a wait returns at the
 * exact virtual instant its message is there, or after exactly its wait.
 *
 * <p>On any other clock the wait is real, bounded by the system clock, and ends early when a
 * message is published or a delivery settled. Guarded by the broker's lock, which it releases
 * while it waits.
 */
final class FetchWait {
    /** How long of real time a fetch on the virtual clock waits for another thread before moving time itself. */
    static final Duration GRACE = Duration.ofMillis(50);

    private final AgentClock clock;
    private final ReentrantLock lock;
    private final Condition changed;
    /** Bumped by every publish and settlement: a waiting fetch looks again when it moved. */
    private long changes;

    FetchWait(AgentClock clock, ReentrantLock lock) {
        this.clock = clock;
        this.lock = lock;
        this.changed = lock.newCondition();
    }

    /** Says that a message may be available (called with the lock held). */
    void signal() {
        changes++;
        changed.signalAll();
    }

    /** Starts the wait of one fetch for up to {@code maxWait}. */
    Deadline start(Duration maxWait) {
        return clock instanceof VirtualClock virtual
                ? new Deadline(virtual, virtual.now().plus(maxWait), 0)
                : new Deadline(null, null, AgentClock.system().nanoTime() + maxWait.toNanos());
    }

    /** The end of one fetch's wait. */
    final class Deadline {
        private final VirtualClock virtual;
        private final Instant until;
        private final long untilNanos;
        private boolean graced;

        private Deadline(VirtualClock virtual, Instant until, long untilNanos) {
            this.virtual = virtual;
            this.until = until;
            this.untilNanos = untilNanos;
        }

        /**
         * After a take found nothing, waits for something that may change that, with the lock
         * held; {@code nextDue} is when the consumer has a delivery due again. Returns false once
         * the wait is over (the fetch returns empty), true to look again.
         */
        boolean awaitMore(Optional<Instant> nextDue) throws InterruptedException {
            if (virtual == null) {
                long left = untilNanos - AgentClock.system().nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(left);
                return true;
            }
            Instant now = virtual.now();
            if (!now.isBefore(until)) {
                return false;
            }
            if (!graced) {
                graced = true;
                long seen = changes;
                changed.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
                if (changes != seen || !virtual.now().equals(now)) {
                    return true;
                }
            }
            Instant wake = until;
            if (nextDue.isPresent() && nextDue.get().isBefore(wake)) {
                wake = nextDue.get();
            }
            Optional<Instant> timer = virtual.dueTimes().stream().findFirst();
            if (timer.isPresent() && timer.get().isBefore(wake)) {
                wake = timer.get();
            }
            Duration step = Duration.between(now, wake);
            lock.unlock();
            try {
                virtual.advance(step.isNegative() ? Duration.ZERO : step);
            } finally {
                lock.lock();
            }
            return true;
        }
    }
}
