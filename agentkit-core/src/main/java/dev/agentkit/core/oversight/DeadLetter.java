package dev.agentkit.core.oversight;

import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.message.HeaderValues;
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
 * @param original   the original message, with its original message id if it had one
 */
public record DeadLetter(String letterId, String item, String agent, String subject, String stream, long sequence,
                         int deliveries, Kind kind, String reason, String lastError, Envelope original) {
    /** The longest reason or error text kept in a header. */
    public static final int MAX_TEXT = 500;
    private static final List<String> LETTER_HEADERS = List.of(Headers.MESSAGE_ID, Headers.ORIGINAL_ID,
            Headers.DEAD_REASON, Headers.DEAD_KIND, Headers.LAST_ERROR, Headers.DEAD_AGENT, Headers.ORIGINAL_SUBJECT,
            Headers.ORIGINAL_STREAM, Headers.ORIGINAL_SEQUENCE, Headers.DELIVERY_COUNT);

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
        reason = HeaderValues.safe(oneLine(Objects.requireNonNull(reason, "reason"), MAX_TEXT));
        lastError = HeaderValues.safe(oneLine(Objects.requireNonNull(lastError, "lastError"), MAX_TEXT));
    }

    /**
     * The dead letter of {@code original}, given up by {@code agent}. {@code subject},
     * {@code stream} and {@code sequence} say where it was read ({@code null}, {@code null}, 0
     * for an item that never reached a stream).
     */
    public static DeadLetter of(Envelope original, String subject, String stream, long sequence, int deliveries,
                                String agent, Kind kind, String reason, String lastError) {
        String item = original.requirementId().or(original::id)
                .orElse(stream != null ? stream + ":" + sequence : "unnamed");
        String letterId = stream != null ? "dead:" + stream + ":" + sequence + ":" + agent : "dead:" + agent + ":" + item;
        return new DeadLetter(letterId, item, agent, subject, stream, sequence, deliveries, kind, reason, lastError,
                original);
    }

    /** The message to publish to the dead-letter subject: the original body and headers plus where and why. */
    public Envelope toEnvelope() {
        Map<String, String> h = new LinkedHashMap<>(original.headers());
        h.remove(Headers.MESSAGE_ID);
        original.header(Headers.MESSAGE_ID).ifPresent(id -> h.put(Headers.ORIGINAL_ID, id));
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
        return Envelope.of(original.body(), h);
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
        String agent = h.getOrDefault(Headers.DEAD_AGENT, letterSubject.substring(letterSubject.lastIndexOf('.') + 1));
        String reason = h.getOrDefault(Headers.DEAD_REASON, "no reason given");
        String stream = h.get(Headers.ORIGINAL_STREAM);
        long sequence = parseLong(h.get(Headers.ORIGINAL_SEQUENCE));
        int deliveries = (int) parseLong(h.get(Headers.DELIVERY_COUNT));
        String item = original.requirementId().or(original::id).orElse(stream != null ? stream + ":" + sequence : "unnamed");
        String letterId = h.getOrDefault(Headers.MESSAGE_ID, "dead:" + agent + ":" + item + ":" + deliveries);
        return new DeadLetter(letterId, item, agent, h.get(Headers.ORIGINAL_SUBJECT), stream, sequence, deliveries,
                Kind.ofCode(h.getOrDefault(Headers.DEAD_KIND, ""), reason), reason,
                h.getOrDefault(Headers.LAST_ERROR, reason), original);
    }

    private static long parseLong(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** {@code text} on one line, cut to {@code max} characters with an ellipsis. */
    static String oneLine(String text, int max) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= max ? flat : flat.substring(0, max - 3) + "...";
    }
}
