package dev.agentkit.core.turn;

import java.time.Duration;
import java.util.Objects;

/**
 * What became of one work item, returned by {@code TurnBasedAgent.processWork}. The turn cycle
 * turns it into broker actions, so agents never ack or nak themselves:
 * <ul>
 *   <li>{@link #done()}: announcements published, item acked and marked processed;</li>
 *   <li>{@link #retry(Duration, String)}: nak'ed, redelivered after the delay;</li>
 *   <li>{@link #blocked(String)}: nak'ed with the blocked delay and an alert to humans;</li>
 *   <li>{@link #reject(String)}: terminated and dead-lettered at once, never retried.</li>
 * </ul>
 * On the consumer's last allowed delivery, a retry or block dead-letters the item instead.
 */
public sealed interface Outcome {

    /** The work is done. */
    static Outcome done() {
        return Done.INSTANCE;
    }

    /** Try again after {@code delay}. */
    static Outcome retry(Duration delay, String reason) {
        return new Retry(delay, reason);
    }

    /** Try again after {@code delay}, without a reason. */
    static Outcome retry(Duration delay) {
        return new Retry(delay, "retry requested");
    }

    /** Cannot go on without something from outside (a human, another agent); alert and retry later. */
    static Outcome blocked(String reason) {
        return new Blocked(reason);
    }

    /** The item can never be done; dead-letter it now. */
    static Outcome reject(String reason) {
        return new Reject(reason);
    }

    /** See {@link #done()}. */
    enum Done implements Outcome {
        INSTANCE;

        @Override
        public String toString() {
            return "done";
        }
    }

    /** See {@link #retry(Duration, String)}. */
    record Retry(Duration delay, String reason) implements Outcome {
        public Retry {
            Objects.requireNonNull(reason, "reason");
            if (delay == null || delay.isNegative()) {
                throw new IllegalArgumentException("retry delay must be zero or positive, was " + delay);
            }
        }
    }

    /** See {@link #blocked(String)}. */
    record Blocked(String reason) implements Outcome {
        public Blocked {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** See {@link #reject(String)}. */
    record Reject(String reason) implements Outcome {
        public Reject {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
