package dev.agentkit.core.oversight;

import dev.agentkit.core.message.Envelope;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/**
 * What the {@link DeadLetterIndex} keeps about one item's latest dead letter: the letter itself
 * (as published, so it can be republished byte for byte), what humans decided and how many times
 * it was republished (for fresh message ids). Stored as JSON.
 *
 * @param letterSubject where the letter was published
 * @param letterBody    the letter's body, base64
 * @param letterHeaders the letter's headers
 * @param status        what became of it
 * @param note          who decided what, for humans
 * @param republished   how many times it was retried or reassigned, over all its letters
 */
public record DeadLetterEntry(String letterSubject, String letterBody, Map<String, String> letterHeaders,
                              Status status, String note, int republished) {

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
        Objects.requireNonNull(letterBody, "letterBody");
        letterHeaders = Map.copyOf(letterHeaders);
        Objects.requireNonNull(status, "status");
        note = note == null ? "" : note;
    }

    /** A new open entry for {@code letter}, published to {@code subject}, carrying over {@code republished}. */
    static DeadLetterEntry open(String subject, DeadLetter letter, int republished) {
        Envelope e = letter.toEnvelope();
        return new DeadLetterEntry(subject, Base64.getEncoder().encodeToString(e.body()), e.headers(), Status.OPEN, "",
                republished);
    }

    /** The dead letter. */
    public DeadLetter letter() {
        return DeadLetter.from(letterSubject, Envelope.of(Base64.getDecoder().decode(letterBody), letterHeaders));
    }

    /** The same entry with a new status and note. */
    public DeadLetterEntry withStatus(Status s, String newNote, int newRepublished) {
        return new DeadLetterEntry(letterSubject, letterBody, letterHeaders, s, newNote, newRepublished);
    }
}
