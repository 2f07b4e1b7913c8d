package dev.agentkit.core.turn;

import dev.agentkit.core.budget.Usage;
import java.time.Duration;

/**
 * What became of one work item in a turn, for {@link TurnListener}.
 *
 * @param agent         the agent's name
 * @param turnId        the turn's id
 * @param itemId        the item's id (its message id)
 * @param requirementId the requirement it is about (body {@code requirement} or {@code id}), else the item id
 * @param subject       the subject it came on
 * @param deliveryCount which delivery this was, from 1
 * @param result        what was done with it
 * @param detail        the reason or error for anything but {@code DONE}; empty for done
 * @param duration      how long processing took, by the agent's clock
 * @param usage         tokens and cost reported while processing it
 */
public record ItemEvent(String agent, String turnId, String itemId, String requirementId, String subject,
                        int deliveryCount, Result result, String detail, Duration duration, Usage usage) {

    /** How an item was settled. */
    public enum Result {
        /** Done and acked. */
        DONE,
        /** Nak'ed for a later delivery (a retry outcome or an exception). */
        RETRIED,
        /** Reported blocked: nak'ed with the blocked delay, humans alerted. */
        BLOCKED,
        /** Given up: rejected, poison, or out of deliveries. */
        DEAD_LETTERED,
        /** Put back until a provider quota resets; not counted as a failure. */
        DEFERRED,
        /** Parked until a human decides ({@code Outcome.awaitApproval}): stored, asked, acked. */
        AWAITING_APPROVAL
    }
}
