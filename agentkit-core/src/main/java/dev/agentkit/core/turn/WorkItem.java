package dev.agentkit.core.turn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.oversight.Approval;
import java.util.Optional;

/**
 * One work item as {@code processWork} sees it: the message, where it came from and which
 * attempt this is. Agents read it and return an {@link Outcome}; they never settle it.
 *
 * @param id            the item's id: message id, body {@code id}, else {@code stream:sequence}; an
 *                      item back from an approval keeps the id it had when it asked
 * @param subject       the subject it was published to
 * @param envelope      the message
 * @param deliveryCount this attempt's number, from 1
 * @param lastAttempt   whether a failure now dead-letters the item
 */
public record WorkItem(String id, String subject, Envelope envelope, int deliveryCount, boolean lastAttempt) {

    /** The body as JSON (never poison here: non-JSON bodies are dead-lettered before). */
    public JsonNode json() {
        return envelope.json();
    }

    /**
     * The human's decision, when this item comes back after {@link Outcome#awaitApproval}:
     * approved, denied or answered, by whom, when and with what text. Empty on a first delivery.
     */
    public Optional<Approval> approval() {
        return Approval.of(envelope);
    }

    /** The body bound to {@code type}; a mismatch rejects the item as poison. */
    public <T> T bodyAs(Class<T> type) {
        return envelope.bodyAs(type);
    }
}
