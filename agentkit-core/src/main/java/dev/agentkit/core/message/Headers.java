package dev.agentkit.core.message;

/**
 * The header names agentkit reads and writes. {@link #MESSAGE_ID} is JetStream's own; the others
 * are agentkit's and are safe to read from any NATS client.
 */
public final class Headers {
    /** JetStream's de-duplication id; agentkit sets it on everything it publishes. */
    public static final String MESSAGE_ID = "Nats-Msg-Id";
    /** The agent (or tool) that published the message. */
    public static final String SENDER = "Agentkit-Sender";
    /** What kind of message this is, e.g. {@code question}, {@code answer}, {@code api_ready}. */
    public static final String TYPE = "Agentkit-Type";
    /** When the message was published, ISO-8601. */
    public static final String TIME = "Agentkit-Time";
    /** Ties an answer to its question. */
    public static final String CORRELATION_ID = "Agentkit-Correlation-Id";
    /** Where an answer to this message should be published: an agent's direct subject, else the question is ignored. */
    public static final String REPLY_TO = "Agentkit-Reply-To";
    /** On a dead letter: why the item was given up. */
    public static final String DEAD_REASON = "Agentkit-Dead-Reason";
    /** On a dead letter: the subject the item was first published to. */
    public static final String ORIGINAL_SUBJECT = "Agentkit-Original-Subject";
    /** On a dead letter: the stream it came from. */
    public static final String ORIGINAL_STREAM = "Agentkit-Original-Stream";
    /** On a dead letter: its sequence number in that stream. */
    public static final String ORIGINAL_SEQUENCE = "Agentkit-Original-Sequence";
    /** On a dead letter: how many times it was delivered. */
    public static final String DELIVERY_COUNT = "Agentkit-Delivery-Count";
    /** On a dead letter: the message id of the original item. */
    public static final String ORIGINAL_ID = "Agentkit-Original-Id";
    /** On a dead letter: the agent (durable consumer) that gave it up. */
    public static final String DEAD_AGENT = "Agentkit-Dead-Agent";
    /** On a dead letter: what kind of give-up it was: {@code max-deliveries}, {@code rejected}, {@code poison}, {@code unroutable}. */
    public static final String DEAD_KIND = "Agentkit-Dead-Kind";
    /** On a dead letter: the last error or rejection text, one line, bounded. */
    public static final String LAST_ERROR = "Agentkit-Last-Error";
    /**
     * On a dead letter cut to fit the server's max payload: what was cut ({@code body}, or
     * {@code headers} for original header values over the bound); the whole original is at
     * {@link #ORIGINAL_STREAM} / {@link #ORIGINAL_SEQUENCE}.
     */
    public static final String DEAD_TRUNCATED = "Agentkit-Dead-Truncated";

    /**
     * The item's id when it differs from the message id: set on an item that re-entered its queue
     * after a human's decision, so its id (and its processed mark) stay the original's.
     */
    public static final String ITEM_ID = "Agentkit-Item-Id";
    /** On an item back from an approval: {@code approved}, {@code denied} or {@code answered}. */
    public static final String APPROVAL_DECISION = "Agentkit-Approval-Decision";
    /** On an item back from an approval: who decided (a chat user id, {@code shell:<user>}, or {@code timeout}). */
    public static final String APPROVAL_BY = "Agentkit-Approval-By";
    /** On an item back from an approval: when it was decided, ISO-8601. */
    public static final String APPROVAL_AT = "Agentkit-Approval-At";
    /** On an item back from an approval: the reason of a deny or the text of an answer, one line, bounded. */
    public static final String APPROVAL_TEXT = "Agentkit-Approval-Text";
    /** On an item back from an approval: the question that was asked, one line, bounded. */
    public static final String APPROVAL_QUESTION = "Agentkit-Approval-Question";

    private Headers() {
    }
}
