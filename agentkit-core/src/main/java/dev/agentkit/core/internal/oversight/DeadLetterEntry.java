package dev.agentkit.core.internal.oversight;

import dev.agentkit.core.internal.message.HeaderValues;
import dev.agentkit.core.oversight.DeadLetter;
import java.time.Instant;
import java.util.Objects;

/**
 * What the {@link DeadLetterIndex} keeps about one item's latest dead letter: a reference to the
 * letter in the dead-letter stream (never a copy of its body, so an entry stays a few KB
 * whatever the item's size), what a human needs to decide (bounded reason, last error and a
 * short preview), what humans decided and how many times it was republished (for fresh message
 * ids). {@code retry} and {@code reassign} read the letter back by its stream and sequence.
 * Stored as JSON.
 *
 * @param letterSubject  where the letter was published
 * @param letterStream   the stream holding the letter ({@code DEAD_LETTER})
 * @param letterSequence the letter's sequence in that stream
 * @param letterId       the letter's message id
 * @param item           what humans call the item (at most {@link DeadLetter#MAX_ITEM} characters)
 * @param agent          the agent (or drainer) that gave it up
 * @param subject        the subject the item was published to; {@code null} if it never was
 * @param kind           what kind of give-up
 * @param deliveries     how many times it was delivered
 * @param reason         why, at most {@link DeadLetter#MAX_TEXT} characters
 * @param lastError      the last error, at most {@link DeadLetter#MAX_TEXT} characters
 * @param preview        the start of the body, at most {@link #MAX_PREVIEW} characters
 * @param status         what became of it
 * @param note           who decided what, for humans
 * @param republished    how many times it was retried or reassigned, over all its letters
 * @param changedAt      when the entry was written last (epoch milliseconds), for pruning
 */
public record DeadLetterEntry(String letterSubject, String letterStream, long letterSequence, String letterId,
                              String item, String agent, String subject, DeadLetter.Kind kind, int deliveries,
                              String reason, String lastError, String preview, Status status, String note,
                              int republished, long changedAt) {
    /** The longest body preview kept in an entry. */
    public static final int MAX_PREVIEW = 120;

    /** What humans decided about a dead letter. */
    public enum Status {
        /** Nobody has acted on it yet. */
        OPEN,
        /** Republished to its original subject with a fresh delivery budget. */
        RETRIED,
        /** Closed without being done; the letter stays. */
        SKIPPED,
        /** Published to another agent's queue. */
        REASSIGNED
    }

    public DeadLetterEntry {
        Objects.requireNonNull(letterSubject, "letterSubject");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(status, "status");
        kind = kind == null ? DeadLetter.Kind.UNKNOWN : kind;
        letterId = letterId == null ? "" : letterId;
        reason = reason == null ? "" : reason;
        lastError = lastError == null ? "" : lastError;
        preview = preview == null ? "" : preview;
        note = note == null ? "" : note;
    }

    /** A new open entry for {@code letter}, stored at {@code stream}/{@code sequence} of {@code subject}. */
    static DeadLetterEntry open(String subject, String stream, long sequence, DeadLetter letter, int republished,
                                Instant at) {
        String preview = HeaderValues.oneLine(letter.original().preview(), MAX_PREVIEW);
        return new DeadLetterEntry(subject, stream, sequence, letter.letterId(), letter.item(), letter.agent(),
                letter.subject(), letter.kind(), letter.deliveries(), letter.reason(), letter.lastError(), preview,
                Status.OPEN, "", republished, at.toEpochMilli());
    }

    /** Whether humans may still act on it: open, or skipped (a change of mind). */
    public boolean actionable() {
        return status == Status.OPEN || status == Status.SKIPPED;
    }

    /** The same entry with a new status and note, written at {@code at}. */
    DeadLetterEntry withStatus(Status s, String newNote, int newRepublished, Instant at) {
        return new DeadLetterEntry(letterSubject, letterStream, letterSequence, letterId, item, agent, subject, kind,
                deliveries, reason, lastError, preview, s, newNote, newRepublished, at.toEpochMilli());
    }
}
