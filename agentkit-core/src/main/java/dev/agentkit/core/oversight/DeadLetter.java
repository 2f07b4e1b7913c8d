package dev.agentkit.core.oversight;

import dev.agentkit.core.internal.message.HeaderValues;
import dev.agentkit.core.internal.oversight.Escalation;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.message.Headers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A work item given up for good, as published to {@code work.deadletter.<agent>}: the original
 * message and where it came from, why it was given up and the last error. Built by the turn cycle
 * with {@link #of} (and by drainers for items no role fits), written with {@link #toEnvelope()},
 * and read back with {@link #from} by the {@link DeadLetterDesk}; escalated to humans by
 * {@link Escalation}.
 *
 * @param letterId   the dead letter's own message id, {@code dead:<stream>:<sequence>:<agent>}
 * @param item       what humans call the item: the requirement id, else the original message id
 * @param agent      the agent (or drainer) that gave it up
 * @param subject    the subject it was published to; {@code null} if it never was (unroutable)
 * @param stream     the stream that held it; {@code null} if none
 * @param sequence   its sequence in that stream; 0 if none
 * @param deliveries how many times it was delivered
 * @param kind       what kind of give-up
 * @param reason     the full reason: one line of printable ASCII, at most 500 characters (a NATS header value)
 * @param lastError  the last error or rejection text, made a header value the same way
 * @param original   the original message, with its original message id if it had one; as read back from a
 *                   letter that was cut, the cut body and kept headers
 * @param truncated  whether the letter was cut to fit the server's max payload (read back from
 *                   {@link Headers#DEAD_TRUNCATED}): the whole original is then only at {@code stream} and
 *                   {@code sequence}
 */
public record DeadLetter(String letterId, String item, String agent, String subject, String stream, long sequence,
                         int deliveries, Kind kind, String reason, String lastError, Envelope original,
                         boolean truncated) {
    /** The longest reason or error text kept in a header; longer text is cut with {@code ...}. */
    public static final int MAX_TEXT = 500;
    /**
     * The longest item id a letter goes by. A longer requirement or message id is not a name a
     * human can type: the item is then called {@code <stream>:<sequence>} (or the id cut, with a
     * hash, for an item that never reached a stream).
     */
    public static final int MAX_ITEM = 200;
    /**
     * The longest value of an original header copied into a letter; a longer one is cut with
     * {@code ...} and the letter is marked {@link Headers#DEAD_TRUNCATED truncated}.
     */
    public static final int MAX_HEADER_VALUE = 1024;
    private static final List<String> LETTER_HEADERS = List.of(Headers.MESSAGE_ID, Headers.ORIGINAL_ID,
            Headers.DEAD_REASON, Headers.DEAD_KIND, Headers.LAST_ERROR, Headers.DEAD_AGENT, Headers.ORIGINAL_SUBJECT,
            Headers.ORIGINAL_STREAM, Headers.ORIGINAL_SEQUENCE, Headers.DELIVERY_COUNT, Headers.DEAD_TRUNCATED);

    /** What kind of give-up a dead letter records. */
    public enum Kind {
        /** It failed on every allowed delivery. */
        MAX_DELIVERIES("max-deliveries", "out of deliveries"),
        /** The agent rejected it as impossible. */
        REJECTED("rejected", "rejected by the agent"),
        /** Its body could not be read. */
        POISON("poison", "poison message"),
        /** No role could be found for it. */
        UNROUTABLE("unroutable", "no role fits it"),
        /** Published by something that did not say. */
        UNKNOWN("unknown", "given up");

        private final String code;
        private final String description;

        Kind(String code, String description) {
            this.code = code;
            this.description = description;
        }

        /** The header value, e.g. {@code max-deliveries}. */
        public String code() {
            return code;
        }

        /** A few words for humans. */
        public String description() {
            return description;
        }

        static Kind ofCode(String code, String reason) {
            for (Kind k : values()) {
                if (k.code.equals(code)) {
                    return k;
                }
            }
            if (reason.startsWith("poison")) {
                return POISON;
            }
            if (reason.startsWith("unroutable")) {
                return UNROUTABLE;
            }
            return reason.contains("out of deliveries") ? MAX_DELIVERIES : UNKNOWN;
        }
    }

    public DeadLetter {
        Objects.requireNonNull(letterId, "letterId");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(original, "original");
        reason = HeaderValues.safe(HeaderValues.oneLine(Objects.requireNonNull(reason, "reason"), MAX_TEXT));
        lastError = HeaderValues.safe(HeaderValues.oneLine(Objects.requireNonNull(lastError, "lastError"), MAX_TEXT));
    }

    /**
     * The dead letter of {@code original}, given up by {@code agent}. {@code subject},
     * {@code stream} and {@code sequence} say where it was read ({@code null}, {@code null}, 0
     * for an item that never reached a stream).
     */
    public static DeadLetter of(Envelope original, String subject, String stream, long sequence, int deliveries,
                                String agent, Kind kind, String reason, String lastError) {
        String item = itemOf(original, stream, sequence);
        String letterId = stream != null ? "dead:" + stream + ":" + sequence + ":" + agent
                : "dead:" + agent + ":" + HeaderValues.safe(item);
        return new DeadLetter(letterId, item, agent, subject, stream, sequence, deliveries, kind, reason, lastError,
                original, false);
    }

    /**
     * The message to publish to the dead-letter subject: the original body and headers plus where
     * and why, original header values cut to {@link #MAX_HEADER_VALUE}. It may exceed a server's
     * max payload; {@link #toEnvelope(long)} fits it.
     */
    public Envelope toEnvelope() {
        return Envelope.of(original.body(), headers(true));
    }

    /**
     * {@link #toEnvelope()} cut to fit {@code maxPayload} bytes (body and headers, as
     * {@code Broker.maxPayload()} counts them): when the whole letter is bigger, its body is cut,
     * ending in a marker that says so and where the original is, and
     * {@link Headers#DEAD_TRUNCATED} says what was cut. So a dead letter can always be
     * published, even for an item at the server's limit.
     */
    public Envelope toEnvelope(long maxPayload) {
        return LetterFit.fit(this, maxPayload);
    }

    /** The letter's headers, with the original's ({@code withOriginal}) or only agentkit's. */
    Map<String, String> headers(boolean withOriginal) {
        Map<String, String> h = new LinkedHashMap<>();
        boolean cut = false;
        if (withOriginal) {
            for (Map.Entry<String, String> e : original.headers().entrySet()) {
                String v = e.getValue();
                cut |= v.length() > MAX_HEADER_VALUE;
                h.put(e.getKey(), v.length() > MAX_HEADER_VALUE ? v.substring(0, MAX_HEADER_VALUE - 3) + "..." : v);
            }
        }
        h.remove(Headers.MESSAGE_ID);
        h.remove(Headers.DEAD_TRUNCATED);
        original.header(Headers.MESSAGE_ID).ifPresent(id -> h.put(Headers.ORIGINAL_ID, bounded(id)));
        h.put(Headers.DEAD_REASON, reason);
        h.put(Headers.DEAD_KIND, kind.code());
        h.put(Headers.LAST_ERROR, lastError);
        h.put(Headers.DEAD_AGENT, agent);
        if (subject != null) {
            h.put(Headers.ORIGINAL_SUBJECT, subject);
        }
        if (stream != null) {
            h.put(Headers.ORIGINAL_STREAM, stream);
            h.put(Headers.ORIGINAL_SEQUENCE, Long.toString(sequence));
        }
        h.put(Headers.DELIVERY_COUNT, Integer.toString(deliveries));
        h.put(Headers.MESSAGE_ID, letterId);
        if (cut || truncated) {
            h.put(Headers.DEAD_TRUNCATED, truncated ? "body" : "headers");
        }
        return h;
    }

    private static String bounded(String v) {
        return v.length() > MAX_HEADER_VALUE ? v.substring(0, MAX_HEADER_VALUE - 3) + "..." : v;
    }

    /**
     * What humans call the item: its requirement id, else its message id, when at most
     * {@link #MAX_ITEM} characters; else {@code <stream>:<sequence>}, else {@code unnamed}.
     */
    static String itemOf(Envelope original, String stream, long sequence) {
        String where = stream != null ? stream + ":" + sequence : null;
        String id = original.requirementId().or(original::id).orElse(null);
        if (id != null && id.length() <= MAX_ITEM) {
            return id;
        }
        if (where != null) {
            return where;
        }
        return id == null ? "unnamed" : id.substring(0, MAX_ITEM - 9) + "~" + Integer.toHexString(id.hashCode());
    }

    /**
     * Reads a dead letter published to {@code letterSubject}, by this SDK or by any tool that
     * sets at least some of the headers: missing ones default (the agent to the subject's last
     * token, the kind guessed from the reason).
     */
    public static DeadLetter from(String letterSubject, Envelope letter) {
        Map<String, String> h = letter.headers();
        Map<String, String> originalHeaders = new LinkedHashMap<>(h);
        LETTER_HEADERS.forEach(originalHeaders::remove);
        String originalId = h.get(Headers.ORIGINAL_ID);
        if (originalId != null) {
            originalHeaders.put(Headers.MESSAGE_ID, originalId);
        }
        Envelope original = Envelope.of(letter.body(), originalHeaders);
        String agent = bounded(h.getOrDefault(Headers.DEAD_AGENT,
                letterSubject.substring(letterSubject.lastIndexOf('.') + 1)));
        String reason = h.getOrDefault(Headers.DEAD_REASON, "no reason given");
        String stream = h.containsKey(Headers.ORIGINAL_STREAM) ? bounded(h.get(Headers.ORIGINAL_STREAM)) : null;
        long sequence = parseLong(h.get(Headers.ORIGINAL_SEQUENCE));
        int deliveries = (int) parseLong(h.get(Headers.DELIVERY_COUNT));
        String item = itemOf(original, stream, sequence);
        String letterId = bounded(h.getOrDefault(Headers.MESSAGE_ID, "dead:" + agent + ":" + item + ":" + deliveries));
        String subject = h.containsKey(Headers.ORIGINAL_SUBJECT) ? bounded(h.get(Headers.ORIGINAL_SUBJECT)) : null;
        return new DeadLetter(letterId, item, agent, subject, stream, sequence, deliveries,
                Kind.ofCode(h.getOrDefault(Headers.DEAD_KIND, ""), reason), reason,
                h.getOrDefault(Headers.LAST_ERROR, reason), original, h.containsKey(Headers.DEAD_TRUNCATED));
    }

    private static long parseLong(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
