package dev.agentkit.core.internal.oversight;

import dev.agentkit.core.internal.message.HeaderValues;
import dev.agentkit.core.oversight.DeadLetter;
import dev.agentkit.core.oversight.DeadLetterDesk;

/**
 * The alert humans get for a dead letter, posted once to the alerts room by whoever gave the
 * item up (the turn cycle) or first read the letter (the {@link DeadLetterDesk}):
 *
 * <pre>
 * DEAD LETTER REQ-007 (agent roy, subject work.requirements.backend, 3 deliveries)
 * reason: out of deliveries
 * last error: failed: java.lang.IllegalStateException: compiler crashed
 * reply: retry REQ-007 | skip REQ-007 | reassign REQ-007 to &lt;agent&gt;
 * </pre>
 *
 * The post's idempotency key is derived from the letter's id, so posting it again shows one
 * message.
 */
public final class Escalation {
    /** The longest error text shown in the chat. */
    public static final int MAX_ERROR = 300;

    private Escalation() {
    }

    /** The alert text for {@code letter}. */
    public static String text(DeadLetter letter) {
        String item = letter.item();
        String reason = letter.kind() == DeadLetter.Kind.UNKNOWN ? letter.reason() : letter.kind().description();
        return "DEAD LETTER " + item + " (agent " + letter.agent()
                + ", subject " + (letter.subject() == null ? "none" : letter.subject())
                + ", " + letter.deliveries() + (letter.deliveries() == 1 ? " delivery)" : " deliveries)") + "\n"
                + "reason: " + HeaderValues.oneLine(reason, MAX_ERROR) + "\n"
                + "last error: " + HeaderValues.oneLine(letter.lastError(), MAX_ERROR) + "\n"
                + "reply: retry " + item + " | skip " + item + " | reassign " + item + " to <agent>";
    }

    /** The idempotency key of the alert for {@code letter}: one per dead letter. */
    public static String key(DeadLetter letter) {
        return "escalation:" + letter.letterId();
    }
}
