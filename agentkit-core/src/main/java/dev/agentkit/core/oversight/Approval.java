package dev.agentkit.core.oversight;

import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.internal.message.HeaderValues;
import dev.agentkit.core.message.Headers;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A human's decision on a question an agent asked with {@code Outcome.awaitApproval}: the item
 * comes back to the agent's queue with it, and {@code WorkItem.approval()} hands it to
 * {@code processWork}, which goes on where it stopped. Carried in the item's headers
 * ({@code Agentkit-Approval-*}), so any NATS client can read it too.
 *
 * @param decision what was decided
 * @param by       who decided: a chat user id, {@code shell:<user>}, or {@value #TIMEOUT} when the
 *                 request timed out and was denied by its options
 * @param at       when
 * @param text     the reason of a deny or the text of an answer; empty for an approval
 * @param question the question that was asked
 */
public record Approval(Decision decision, String by, Instant at, String text, String question) {
    /** Who decided a request denied by its timeout. */
    public static final String TIMEOUT = "timeout";

    /** What a human decided. */
    public enum Decision {
        /** {@code approve REQ-7}: go ahead. */
        APPROVED,
        /** {@code deny REQ-7 <reason>}: do not; the agent decides what then (reject, or done without it). */
        DENIED,
        /** {@code answer REQ-7 <text>}: the question wanted an answer (one of its choices, or free text). */
        ANSWERED
    }

    public Approval {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        text = text == null ? "" : text;
        question = question == null ? "" : question;
    }

    /** Whether it was approved. */
    public boolean approved() {
        return decision == Decision.APPROVED;
    }

    /** Whether it was denied (by a human, or by the request's timeout). */
    public boolean denied() {
        return decision == Decision.DENIED;
    }

    /** Whether it was answered with {@link #text()}. */
    public boolean answered() {
        return decision == Decision.ANSWERED;
    }

    /** The decision carried by {@code e}'s headers, if it came back from an approval. */
    public static Optional<Approval> of(Envelope e) {
        Optional<String> decision = e.header(Headers.APPROVAL_DECISION);
        if (decision.isEmpty()) {
            return Optional.empty();
        }
        try {
            Decision d = Decision.valueOf(decision.get().strip().toUpperCase(Locale.ROOT));
            Instant at = e.header(Headers.APPROVAL_AT).map(Instant::parse).orElse(Instant.EPOCH);
            return Optional.of(new Approval(d, e.header(Headers.APPROVAL_BY).orElse("someone"), at,
                    e.header(Headers.APPROVAL_TEXT).orElse(""), e.header(Headers.APPROVAL_QUESTION).orElse("")));
        } catch (IllegalArgumentException | DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }

    /** {@code e} carrying this decision in its headers instead of any earlier one (texts made header-safe, bounded). */
    Envelope onto(Envelope e) {
        Map<String, String> headers = new LinkedHashMap<>(e.headers());
        headers.keySet().removeAll(List.of(Headers.APPROVAL_DECISION, Headers.APPROVAL_BY, Headers.APPROVAL_AT,
                Headers.APPROVAL_TEXT, Headers.APPROVAL_QUESTION));
        Envelope out = Envelope.of(e.body(), headers).withHeader(Headers.APPROVAL_DECISION, decision.name().toLowerCase(Locale.ROOT))
                .withHeader(Headers.APPROVAL_BY, HeaderValues.safe(by))
                .withHeader(Headers.APPROVAL_AT, at.toString());
        out = text.isBlank() ? out : out.withHeader(Headers.APPROVAL_TEXT, HeaderValues.safe(text));
        return question.isBlank() ? out : out.withHeader(Headers.APPROVAL_QUESTION, HeaderValues.safe(question));
    }
}
