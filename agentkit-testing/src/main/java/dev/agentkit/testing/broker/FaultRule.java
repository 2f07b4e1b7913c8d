package dev.agentkit.testing.broker;

import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.internal.topology.Subjects;
import java.util.Objects;

/**
 * One scripted fault of an {@link InMemoryBroker}, made by {@link BrokerFaults} and refined by
 * chaining: which calls it hits ({@link #matching} a subject, {@link #on} a consumer), how often
 * ({@link #times}, {@link #always}), and how ({@link #permanently}, {@link #afterApplying}). By
 * default it hits the next one call of its operation with a transient {@link BrokerException},
 * before the call takes effect. {@link #fired()} says how often it hit. Thread-safe: it is read
 * and changed under the {@link BrokerFaults}' lock.
 */
public final class FaultRule {
    /** What a hit does to the call. */
    enum Effect { FAIL, DROP }

    private final BrokerFaults owner;
    private final BrokerFaults.Operation operation;
    private final Effect effect;
    private String subjectPattern;
    private ConsumerRef consumer;
    private int left = 1;
    private boolean transientFailure = true;
    private boolean afterApplying;
    private String message;
    private int fired;

    FaultRule(BrokerFaults owner, BrokerFaults.Operation operation, Effect effect) {
        this.owner = owner;
        this.operation = operation;
        this.effect = effect;
    }

    /**
     * Hits only calls on subjects matching {@code pattern} ({@code *} and {@code >} allowed): the
     * subject published to, or the subject of the delivery settled. Not for fetches, which have no
     * subject: select their consumer with {@link #on}.
     */
    public FaultRule matching(String pattern) {
        Subjects.requireValid("fault subject pattern", pattern);
        if (operation == BrokerFaults.Operation.FETCH || operation == BrokerFaults.Operation.STATUS
                || operation == BrokerFaults.Operation.PROVISION) {
            throw new IllegalArgumentException(operation + " calls have no subject; select a consumer with on(...)");
        }
        synchronized (owner) {
            this.subjectPattern = pattern;
        }
        return this;
    }

    /** Hits only calls for {@code consumer}: its fetches, status, and the settlements of its deliveries. */
    public FaultRule on(ConsumerRef consumer) {
        synchronized (owner) {
            this.consumer = Objects.requireNonNull(consumer, "consumer");
        }
        return this;
    }

    /** Hits the next {@code n} matching calls (1 by default), then no more. */
    public FaultRule times(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a fault hits at least once, was " + n);
        }
        synchronized (owner) {
            this.left = n;
        }
        return this;
    }

    /** Hits every matching call until {@link #remove()}d or {@link BrokerFaults#clear()}ed. */
    public FaultRule always() {
        synchronized (owner) {
            this.left = -1;
        }
        return this;
    }

    /** Fails with a permanent {@link BrokerException} ({@code isTransient()} false): retrying will not help. */
    public FaultRule permanently() {
        requireFailure("permanently");
        synchronized (owner) {
            this.transientFailure = false;
        }
        return this;
    }

    /**
     * The call takes effect and then fails, as when the server's reply is lost: a publish is
     * stored, a fetch's deliveries are handed out (and redelivered after the ack wait), an ack is
     * applied, yet the caller gets a {@link BrokerException}.
     */
    public FaultRule afterApplying() {
        requireFailure("afterApplying");
        synchronized (owner) {
            this.afterApplying = true;
        }
        return this;
    }

    /** The text of the exception, instead of one naming the call and saying it is a test fault. */
    public FaultRule withMessage(String text) {
        requireFailure("withMessage");
        synchronized (owner) {
            this.message = Objects.requireNonNull(text, "text");
        }
        return this;
    }

    /** How many calls this rule has hit so far. */
    public int fired() {
        synchronized (owner) {
            return fired;
        }
    }

    /** Stops this rule from hitting any more calls. */
    public void remove() {
        owner.remove(this);
    }

    /** Whether the rule hits this call; counts the hit. Called under the owner's lock. */
    boolean hits(BrokerFaults.Operation op, String subject, ConsumerRef ref) {
        if (op != operation || left == 0) {
            return false;
        }
        if (subjectPattern != null && (subject == null || !Subjects.matches(subjectPattern, subject))) {
            return false;
        }
        if (consumer != null && !consumer.equals(ref)) {
            return false;
        }
        if (left > 0) {
            left--;
        }
        fired++;
        return true;
    }

    boolean spent() {
        return left == 0;
    }

    Effect effect() {
        return effect;
    }

    boolean isAfterApplying() {
        return afterApplying;
    }

    BrokerException failure(String call) {
        return new BrokerException(message != null ? message : call + " failed (a scripted test fault)",
                transientFailure);
    }

    private void requireFailure(String what) {
        if (effect == Effect.DROP) {
            throw new IllegalStateException(what + "() is for failures; a dropped " + operation
                    + " returns normally and does nothing");
        }
    }

    @Override
    public String toString() {
        synchronized (owner) {
            return "FaultRule[" + effect + " " + operation + (subjectPattern == null ? "" : " on " + subjectPattern)
                    + (consumer == null ? "" : " of " + consumer) + ", " + (left < 0 ? "always" : left + " left")
                    + ", fired " + fired + "]";
        }
    }
}
