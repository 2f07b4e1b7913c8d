package dev.agentkit.core.oversight;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the {@link ApprovalBook} keeps about one question an agent asked: a reference to the
 * parked item in its stream (never a copy of its body, so an entry stays small whatever the
 * item's size), the bounded question and options, when it was asked and when its timeout acts,
 * and, once decided, what, by whom and when. Stored as JSON; {@code status} reads it.
 *
 * @param item       what humans call the request, as in {@code approve REQ-7}: the item's
 *                   requirement id, else its message id, else {@code <stream>:<sequence>}
 * @param agent      the agent that asked
 * @param itemId     the item's id as {@code processWork} saw it, kept when it re-enters
 * @param subject    the subject it was published to, where it re-enters
 * @param stream     the stream holding the parked item
 * @param sequence   its sequence there
 * @param deliveries which delivery asked
 * @param question   the question, one line, at most {@link #MAX_QUESTION} characters
 * @param choices    the answers offered; empty for any
 * @param timeoutMillis how long each round waits
 * @param onTimeout  what the timeout does
 * @param askedAt    when it was first asked (epoch milliseconds)
 * @param dueAt      when its timeout acts (epoch milliseconds); 0 once no timer is left (escalated)
 * @param round      how many times the question was posted
 * @param status     pending, or what was decided
 * @param decidedBy  who decided; empty while pending
 * @param decidedAt  when (epoch milliseconds); 0 while pending
 * @param text       the deny reason or the answer; empty otherwise
 */
public record PendingApproval(String item, String agent, String itemId, String subject, String stream, long sequence,
                              int deliveries, String question, List<String> choices, long timeoutMillis,
                              ApprovalOptions.OnTimeout onTimeout, long askedAt, long dueAt, int round, Status status,
                              String decidedBy, long decidedAt, String text) {
    /** The longest question kept and posted, in characters. */
    public static final int MAX_QUESTION = 500;
    /** The longest deny reason or answer kept and passed on, in characters. */
    public static final int MAX_TEXT = 500;

    /** What became of a request. */
    public enum Status {
        /** Nobody has decided yet. */
        PENDING,
        /** Approved; the item re-entered its queue. */
        APPROVED,
        /** Denied (by a human or the timeout); the item re-entered its queue. */
        DENIED,
        /** Answered; the item re-entered its queue. */
        ANSWERED,
        /** Its item was no longer in its stream when the decision came: nothing re-entered. */
        GONE
    }

    public PendingApproval {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(status, "status");
        question = question == null ? "" : question;
        choices = choices == null ? List.of() : List.copyOf(choices);
        onTimeout = onTimeout == null ? ApprovalOptions.OnTimeout.ESCALATE : onTimeout;
        decidedBy = decidedBy == null ? "" : decidedBy;
        text = text == null ? "" : text;
    }

    /** Whether nobody has decided yet. */
    public boolean pending() {
        return status == Status.PENDING;
    }

    /** How long it has waited at {@code now}. */
    public Duration age(Instant now) {
        Duration d = Duration.ofMillis(now.toEpochMilli() - askedAt);
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** The timeout of one round. */
    public Duration timeout() {
        return Duration.ofMillis(timeoutMillis);
    }

    /** The question as posted to the agent's room and the alerts room, with the commands that decide it. */
    public String questionText() {
        return "APPROVAL " + item + " (agent " + agent + "): " + question + "\n"
                + (choices.isEmpty() ? "" : "choices: " + String.join(" | ", choices) + "\n")
                + "reply: approve " + item + " | deny " + item + " <reason> | answer " + item
                + (choices.isEmpty() ? " <text>" : " <choice>");
    }

    /** The status in a sentence: {@code approved by @douglas:localhost}. */
    String describeDecision() {
        return status.name().toLowerCase(Locale.ROOT) + (decidedBy.isEmpty() ? "" : " by " + decidedBy)
                + (text.isEmpty() ? "" : " (" + text + ")");
    }

    PendingApproval decided(Status s, String by, Instant at, String decisionText) {
        return new PendingApproval(item, agent, itemId, subject, stream, sequence, deliveries, question, choices,
                timeoutMillis, onTimeout, askedAt, dueAt, round, s, by, at.toEpochMilli(), decisionText);
    }

    PendingApproval rescheduled(long due, int newRound) {
        return new PendingApproval(item, agent, itemId, subject, stream, sequence, deliveries, question, choices,
                timeoutMillis, onTimeout, askedAt, due, newRound, status, decidedBy, decidedAt, text);
    }
}
