package dev.agentkit.core.oversight;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How an agent's question to humans ({@code Outcome.awaitApproval(question, options)}) is asked
 * and how long it waits: the choices an {@code answer} must be one of (none: approve, deny or any
 * answer), how long to wait, and what the turn cycle does when nobody decided in time:
 * {@link OnTimeout#DENY} sends the item back denied ({@code by} {@value Approval#TIMEOUT}),
 * {@link OnTimeout#ESCALATE} says so in the alerts room once and keeps waiting,
 * {@link OnTimeout#REASK} posts the question again and waits another timeout. Immutable;
 * {@link #ofDefaults()} waits {@link #DEFAULT_TIMEOUT} and then escalates.
 *
 * <pre>{@code
 * ApprovalOptions.custom().choices("staging", "production").timeout(Duration.ofHours(4))
 *         .onTimeout(ApprovalOptions.OnTimeout.DENY).build();
 * }</pre>
 */
public final class ApprovalOptions {
    /** How long a question waits by default before its {@link OnTimeout} acts. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofDays(1);
    /** The most choices a question offers. */
    public static final int MAX_CHOICES = 10;
    /** The longest choice, in characters. */
    public static final int MAX_CHOICE = 60;

    private static final ApprovalOptions DEFAULTS = custom().build();

    /** What happens when nobody decided within the timeout. */
    public enum OnTimeout {
        /** The item comes back denied, by {@value Approval#TIMEOUT}. */
        DENY,
        /** The alerts room is told once; the question keeps waiting for a human. */
        ESCALATE,
        /** The question is posted again and waits another timeout. */
        REASK
    }

    private final List<String> choices;
    private final Duration timeout;
    private final OnTimeout onTimeout;

    private ApprovalOptions(Builder b) {
        this.choices = List.copyOf(b.choices);
        this.timeout = b.timeout;
        this.onTimeout = b.onTimeout;
    }

    /** Wait {@link #DEFAULT_TIMEOUT}, then escalate; no choices. */
    public static ApprovalOptions ofDefaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder custom() {
        return new Builder();
    }

    /** The answers offered; empty when any {@code answer} (or approve, deny) will do. */
    public List<String> choices() {
        return choices;
    }

    /** How long the question waits before {@link #onTimeout()} acts. */
    public Duration timeout() {
        return timeout;
    }

    /** What happens at the timeout. */
    public OnTimeout onTimeout() {
        return onTimeout;
    }

    @Override
    public String toString() {
        return "ApprovalOptions[choices=" + choices + ", timeout=" + timeout + ", onTimeout=" + onTimeout + "]";
    }

    /** Builds {@link ApprovalOptions}; every setter validates at once. */
    public static final class Builder {
        private final List<String> choices = new ArrayList<>();
        private Duration timeout = DEFAULT_TIMEOUT;
        private OnTimeout onTimeout = OnTimeout.ESCALATE;

        private Builder() {
        }

        /** The answers offered, at most {@link #MAX_CHOICES}, each one word of at most {@link #MAX_CHOICE} characters. */
        public Builder choices(String... options) {
            if (options.length > MAX_CHOICES) {
                throw new IllegalArgumentException("at most " + MAX_CHOICES + " choices, got " + options.length);
            }
            choices.clear();
            for (String c : options) {
                Objects.requireNonNull(c, "choice");
                if (c.isBlank() || c.length() > MAX_CHOICE || !c.strip().matches("\\S+")) {
                    throw new IllegalArgumentException("a choice is one word of at most " + MAX_CHOICE
                            + " characters: '" + c + "'");
                }
                choices.add(c.strip());
            }
            return this;
        }

        /** How long to wait for a decision; positive. */
        public Builder timeout(Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("an approval timeout must be positive, was " + d);
            }
            this.timeout = d;
            return this;
        }

        /** What happens when nobody decided within the timeout. */
        public Builder onTimeout(OnTimeout what) {
            this.onTimeout = Objects.requireNonNull(what, "onTimeout");
            return this;
        }

        public ApprovalOptions build() {
            return new ApprovalOptions(this);
        }
    }
}
