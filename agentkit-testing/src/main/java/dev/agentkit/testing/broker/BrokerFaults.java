package dev.agentkit.testing.broker;

import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.ConsumerRef;
import java.util.ArrayList;
import java.util.List;

/**
 * Scripted failures of an {@link InMemoryBroker}, so a test can see what an agent does when the
 * broker fails, the way OkHttp's {@code MockWebServer} scripts socket policies. Reach it with
 * {@link InMemoryBroker#faults()} (or {@code AgentTestKit.faults()}). Each rule hits the calls it
 * selects and then is spent:
 *
 * <pre>{@code
 * BrokerFaults faults = kit.faults();
 * faults.failNextPublish();                                // the next publish fails, transiently
 * faults.failNextPublish().matching("work.deadletter.>")   // the next two dead letters fail for good
 *       .times(2).permanently();
 * faults.failNextFetch().on(ConsumerRef.of(spec));         // one fetch of that consumer fails
 * faults.failNextAck().afterApplying();                    // the ack is applied, yet the caller sees it fail
 * faults.dropNextAck();                                    // the ack is lost: redelivered after the ack wait
 * faults.goDown();                                         // every call fails transiently ...
 * faults.comeBack();                                       // ... until now
 * }</pre>
 *
 * <p>A failure is a {@link BrokerException}, transient unless the rule says
 * {@link FaultRule#permanently()}, thrown before the call takes effect unless it says
 * {@link FaultRule#afterApplying()}. A dropped settlement returns normally and does nothing,
 * as a fire-and-forget JetStream ack lost on the way does. While the broker is down, every call
 * (provisioning, publish, fetch, status, settlements) fails transiently; rules do not fire then.
 * Rules are tried in the order they were added; the first that selects a call hits it.
 *
 * <p>Turns retry a transiently failing fetch for {@code AgentConfig.brokerRetry()} of real time
 * (15 s by default); give agents under test a short one ({@code brokerRetry(Duration.ZERO)})
 * when they meet a broker that is down. Thread-safe.
 */
public final class BrokerFaults {
    /** The broker calls a fault can hit. */
    public enum Operation {
        /** {@code ensureStream} and {@code ensureConsumer}. */
        PROVISION,
        /** {@code publish}. */
        PUBLISH,
        /** {@code fetch}. */
        FETCH,
        /** {@code status}. */
        STATUS,
        /** {@code Delivery.ack()}. */
        ACK,
        /** {@code Delivery.nak(delay)}. */
        NAK,
        /** {@code Delivery.term(reason)}. */
        TERM,
        /** {@code Delivery.inProgress()}. */
        IN_PROGRESS;

        boolean settles() {
            return this == ACK || this == NAK || this == TERM || this == IN_PROGRESS;
        }
    }

    /** What one call meets: nothing, a failure before or after it takes effect, or a silent drop. */
    static final class Hit {
        static final Hit NONE = new Hit(null, false, false);
        private final BrokerException failure;
        private final boolean after;
        private final boolean drop;

        private Hit(BrokerException failure, boolean after, boolean drop) {
            this.failure = failure;
            this.after = after;
            this.drop = drop;
        }

        /** Throws the failure that comes before the call takes effect, if any. */
        void before() {
            if (failure != null && !after) {
                throw failure;
            }
        }

        /** Throws the failure that comes after the call took effect, if any. */
        void after() {
            if (failure != null && after) {
                throw failure;
            }
        }

        /** Whether the call must do nothing and return normally. */
        boolean dropped() {
            return drop;
        }
    }

    private final List<FaultRule> rules = new ArrayList<>();
    private boolean down;

    BrokerFaults() {
    }

    /** The next publish fails (refine the rule: which subject, how often, how). */
    public FaultRule failNextPublish() {
        return failNext(Operation.PUBLISH);
    }

    /** The next fetch fails (refine the rule: which consumer, how often, how). */
    public FaultRule failNextFetch() {
        return failNext(Operation.FETCH);
    }

    /** The next {@code Delivery.ack()} fails. */
    public FaultRule failNextAck() {
        return failNext(Operation.ACK);
    }

    /** The next call of {@code operation} fails. */
    public FaultRule failNext(Operation operation) {
        return add(new FaultRule(this, operation, FaultRule.Effect.FAIL));
    }

    /** The next {@code Delivery.ack()} is lost: it returns normally, the delivery stays unacked. */
    public FaultRule dropNextAck() {
        return dropNext(Operation.ACK);
    }

    /** The next settlement of kind {@code operation} (ack, nak, term, in-progress) is lost silently. */
    public FaultRule dropNext(Operation operation) {
        if (!operation.settles()) {
            throw new IllegalArgumentException("only settlements can be dropped silently, not " + operation);
        }
        return add(new FaultRule(this, operation, FaultRule.Effect.DROP));
    }

    /** The broker goes down: from now on every call fails with a transient {@link BrokerException}. */
    public synchronized void goDown() {
        down = true;
    }

    /** The broker is back: calls succeed again (rules still armed fire again). */
    public synchronized void comeBack() {
        down = false;
    }

    /** Whether the broker is down. */
    public synchronized boolean isDown() {
        return down;
    }

    /** Removes every rule and brings the broker back up. */
    public synchronized void clear() {
        rules.clear();
        down = false;
    }

    /** The rules not yet spent, in the order they were added. */
    public synchronized List<FaultRule> armed() {
        return List.copyOf(rules);
    }

    synchronized void remove(FaultRule rule) {
        rules.remove(rule);
    }

    /** What the call {@code call} of {@code op} on {@code subject} for {@code consumer} (both may be null) meets. */
    synchronized Hit hit(Operation op, String call, String subject, ConsumerRef consumer) {
        if (down) {
            return new Hit(new BrokerException(call + " failed: the broker is down (a scripted test fault)", true),
                    false, false);
        }
        for (FaultRule rule : rules) {
            if (rule.hits(op, subject, consumer)) {
                if (rule.spent()) {
                    rules.remove(rule);
                }
                return rule.effect() == FaultRule.Effect.DROP ? new Hit(null, false, true)
                        : new Hit(rule.failure(call), rule.isAfterApplying(), false);
            }
        }
        return Hit.NONE;
    }

    private synchronized FaultRule add(FaultRule rule) {
        rules.add(rule);
        return rule;
    }
}
