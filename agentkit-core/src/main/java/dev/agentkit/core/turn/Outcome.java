package dev.agentkit.core.turn;

import dev.agentkit.core.oversight.ApprovalOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * What became of one work item, returned by {@code TurnBasedAgent.processWork}. The turn cycle
 * turns it into broker actions, so agents never ack or nak themselves:
 * <ul>
 *   <li>{@link #done()}: announcements published, item acked and marked processed;</li>
 *   <li>{@link #retry(Duration, String)}: nak'ed, redelivered after the delay;</li>
 *   <li>{@link #blocked(String)}: nak'ed with the blocked delay and an alert to humans;</li>
 *   <li>{@link #reject(String)}: terminated and dead-lettered at once, never retried;</li>
 *   <li>{@link #awaitApproval(String)}: parked until a human decides: the question is stored,
 *       posted to the agent's room and the alerts room, and the item acked; on a decision it
 *       comes back as the same item with {@link WorkItem#approval()} set.</li>
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

    /**
     * Ask a human before going on, with the default {@link ApprovalOptions}: the item is parked
     * (stored, then acked, so waiting burns no delivery attempt and survives restarts) and
     * {@code question} is posted once to the agent's room and the alerts room with the commands
     * that decide it: {@code approve REQ-7}, {@code deny REQ-7 <reason>}, {@code answer REQ-7 <text>}.
     * The decision brings the same item back (same id, body and requirement); {@code processWork}
     * reads it from {@link WorkItem#approval()}. If the question cannot be stored the item stays
     * unsettled and comes back, never lost.
     */
    static Outcome awaitApproval(String question) {
        return new AwaitApproval(question, ApprovalOptions.ofDefaults());
    }

    /** {@link #awaitApproval(String)} with choices, a timeout and what the timeout does. */
    static Outcome awaitApproval(String question, ApprovalOptions options) {
        return new AwaitApproval(question, options);
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

    /** See {@link #awaitApproval(String, ApprovalOptions)}. */
    record AwaitApproval(String question, ApprovalOptions options) implements Outcome {
        public AwaitApproval {
            Objects.requireNonNull(question, "question");
            Objects.requireNonNull(options, "options");
            if (question.isBlank()) {
                throw new IllegalArgumentException("an approval needs a question");
            }
        }
    }

    /** See {@link #reject(String)}. */
    record Reject(String reason) implements Outcome {
        public Reject {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
