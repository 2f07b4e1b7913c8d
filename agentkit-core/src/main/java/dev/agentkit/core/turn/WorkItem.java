package dev.agentkit.core.turn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkit.core.message.Envelope;

/**
 * One work item as {@code processWork} sees it: the message, where it came from and which
 * attempt this is. Agents read it and return an {@link Outcome}; they never settle it.
 *
 * @param id            the item's id: message id, body {@code id}, else {@code stream:sequence}
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

    /** The body bound to {@code type}; a mismatch rejects the item as poison. */
    public <T> T bodyAs(Class<T> type) {
        return envelope.bodyAs(type);
    }
}
