package dev.agentkit.core.turn;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.budget.QuotaExceededException;
import dev.agentkit.core.message.Headers;
import dev.agentkit.core.message.PoisonMessageException;
import dev.agentkit.core.oversight.DeadLetter;
import dev.agentkit.core.internal.oversight.DeadLetterIndex;
import dev.agentkit.core.internal.oversight.Escalation;
import dev.agentkit.core.topology.ConsumerSpec;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one settle rule of agentkit: maps what a handler returned ({@link Outcome}) or threw to
 * ack, nak, term or a dead letter. Done runs the completion, then acks; retry and blocked are
 * nak'ed with their delay (blocked also alerts); an exception is nak'ed with the failure delay;
 * reject and poison (a body that is not JSON, a {@link PoisonMessageException}) are dead-lettered
 * and terminated, as is any failure on the consumer's last allowed delivery. Every dead letter is
 * a {@link DeadLetter} (one format), published cut to fit the server, indexed in the
 * {@link DeadLetterIndex} and escalated once to the alerts room.
 *
 * <p>No failure escapes a settle path except a transient {@link BrokerException}, thrown on so the
 * caller stops pulling from a broker that is away: before the item's last delivery it is left
 * unsettled and comes back after its ack wait; on its last delivery (where that would lose it)
 * it is first requeued with a fresh delivery budget, and the exception thrown is a
 * {@link Requeued}. A transient failure of the final ack or term of an item whose outcome is
 * already kept (done and marked, or dead-lettered) only leaves it to come back, never requeued.
 * Anything else there is logged once and leaves the item unsettled, to come back after its ack
 * wait.
 *
 * <p><b>Not API.</b> Public only so that the turn and agentkit-routing's {@code WorkLoop} settle
 * through the same code; it will move to an internal package. Build your agents on
 * {@link TurnBasedAgent} instead.
 */
public final class Settlement {
    private static final Logger log = LoggerFactory.getLogger(Settlement.class);
    private static final Runnable NOTHING = () -> { };

    /** The work done for one delivery. */
    @FunctionalInterface
    public interface Handler {
        /** Does the work of {@code delivery} and says how it went. */
        Outcome handle(Delivery delivery) throws Exception;
    }

    /** Where alerts go: a chat port's or the turn's chat outbox's {@code post}. */
    @FunctionalInterface
    public interface Poster {
        /** Posts {@code text} to {@code room}; the same {@code key} twice shows one post. */
        void post(String room, String text, String key);
    }

    /**
     * How a delivery was settled, and why.
     *
     * @param result   what became of it
     * @param detail   the reason or error; empty for done
     * @param failed   whether its handler (or its completion) threw
     * @param rejected whether it was rejected (or poison)
     * @param blocked  whether it was reported blocked
     */
    public record Settled(ItemEvent.Result result, String detail, boolean failed, boolean rejected, boolean blocked) {
        static Settled of(ItemEvent.Result result, String detail) {
            return new Settled(result, detail, false, false, false);
        }
    }

    /**
     * The transient broker failure of an item on its last delivery, which was therefore requeued
     * with a fresh delivery budget before the failure was thrown on; says how it was settled.
     */
    public static final class Requeued extends BrokerException {
        private static final long serialVersionUID = 1L;
        private final transient Settled settled;

        Requeued(BrokerException failure, Settled settled) {
            super(failure.getMessage(), true, failure);
            this.settled = settled;
        }

        /** How the item was settled: retried, as a requeued copy. */
        public Settled settled() {
            return settled;
        }
    }

    private final TransientFailures transients;
    private final String agent;
    private final Duration failureDelay;
    private final Duration blockedDelay;
    private final String alertsRoom;
    private final Poster alerts;
    private final DeadLetters deadLetters;
    private Parker parker;

    /**
     * The settlement of {@code agent}'s deliveries: given-up items go to {@code deadLetterSubject}
     * of {@code broker} and into {@code index}; alerts to {@code alertsRoom} through
     * {@code alerts}, or nowhere when it is {@code null} (the {@code DeadLetterDesk} then escalates
     * the letters it reads).
     */
    @SuppressWarnings("exports") // not API (see above): agentkit-routing, to which the index package is exported, calls it
    public Settlement(Broker broker, String agent, String deadLetterSubject, DeadLetterIndex index,
                      Duration failureDelay, Duration blockedDelay, String alertsRoom, Poster alerts) {
        this.agent = Objects.requireNonNull(agent, "agent");
        this.transients = new TransientFailures(Objects.requireNonNull(broker, "broker"), agent);
        this.failureDelay = Objects.requireNonNull(failureDelay, "failureDelay");
        this.blockedDelay = Objects.requireNonNull(blockedDelay, "blockedDelay");
        this.alertsRoom = Objects.requireNonNull(alertsRoom, "alertsRoom");
        this.alerts = alerts;
        this.deadLetters = new DeadLetters(broker, deadLetterSubject, agent, index);
    }

    /**
     * What an item is called in logs, keys and ids, as {@code processWork} sees it and its processed
     * mark is keyed: the {@code Agentkit-Item-Id} header of an item that came back after a human's
     * decision (so it keeps the id it asked with), else its message id or body {@code id}, else
     * {@code <stream>:<sequence>}.
     */
    public static String itemId(Delivery d) {
        return d.envelope().header(Headers.ITEM_ID).filter(id -> !id.isBlank())
                .or(() -> d.envelope().id()).orElseGet(() -> d.stream() + ":" + d.streamSequence());
    }

    /** Sets who parks items awaiting approval (the turn); without one such an item is blocked. */
    void parkWith(Parker p) {
        this.parker = p;
    }

    /** Settles {@code d} by {@code outcome} as if its handler had returned it. */
    Settled settleAs(Delivery d, ConsumerSpec consumer, Outcome outcome) {
        return settleNow(d, consumer, outcome, false, NOTHING);
    }

    /**
     * Runs {@code d} through {@code handler} and settles it; {@code completion} runs after a done
     * outcome and before the ack (a failure there retries the item). A
     * {@link QuotaExceededException} is thrown on with the item unsettled: a provider's quota is
     * not the item's failure, so the caller decides (the turn defers it; without a budget,
     * {@link #fail} it).
     */
    public Settled process(Delivery d, ConsumerSpec consumer, Handler handler, Runnable completion) {
        if (!d.envelope().isJson()) {
            Outcome poison = Outcome.reject("poison: body is not JSON: " + d.envelope().preview());
            return settle(d, consumer, poison, false, NOTHING);
        }
        Outcome outcome;
        try {
            outcome = handler.handle(d);
            if (outcome == null) {
                throw new IllegalStateException("handler returned null instead of an Outcome");
            }
        } catch (QuotaExceededException e) {
            throw e;
        } catch (Exception e) {
            return fail(d, consumer, e);
        }
        return settle(d, consumer, outcome, false, completion);
    }

    /**
     * Settles {@code d} whose handler threw {@code e}: a poison exception dead-letters it, a
     * transient broker failure is thrown on (the item unsettled), anything else naks it with the
     * failure delay (dead-letters it on its last delivery).
     */
    public Settled fail(Delivery d, ConsumerSpec consumer, Exception e) {
        if (e instanceof PoisonMessageException) {
            return settle(d, consumer, Outcome.reject("poison: " + e.getMessage()), false, NOTHING);
        }
        if (e instanceof BrokerException b && b.isTransient()) {
            throw transients.thrown(d, consumer, b);
        }
        log.warn("{} failed on delivery {} of {}: {}", agent, d.deliveryCount(), d.subject(), e.toString());
        log.debug("{}'s failure on {}", agent, d.subject(), e);
        return settle(d, consumer, Outcome.retry(failureDelay, "failed: " + e), true, NOTHING);
    }

    /**
     * Publishes, indexes and escalates a letter of an item that never was a delivery (one no
     * role fits). Returns whether its alert went to the chat, now or before; throws what the
     * broker, the index's store or the chat threw, having recorded only what happened.
     */
    public boolean deadLetter(DeadLetter letter) {
        DeadLetters.Sent sent = deadLetters.send(letter);
        return escalate(sent);
    }

    /**
     * Runs a settle path with every failure of its own classified: a transient broker failure is
     * thrown on (the item unsettled, the caller stops pulling); anything else (a permanent broker
     * refusal, a store that cannot write, a bug) is logged once and leaves the item unsettled,
     * reported as retried with the given flags.
     */
    Settled guarded(Delivery d, ConsumerSpec consumer, boolean failed, Outcome outcome, Supplier<Settled> settling) {
        try {
            return settling.get();
        } catch (TransientFailures.OutcomeKept kept) {
            throw transients.unsettled(d, kept.failure());
        } catch (BrokerException e) {
            if (e.isTransient()) {
                throw transients.thrown(d, consumer, e);
            }
            return unsettledForGood(d, consumer, "the broker refused it for good", e, failed, outcome);
        } catch (RuntimeException e) {
            return unsettledForGood(d, consumer, "a store or the chat failed", e, failed, outcome);
        }
    }

    private Settled unsettledForGood(Delivery d, ConsumerSpec consumer, String what, RuntimeException e,
                                     boolean failed, Outcome outcome) {
        String after = consumer.isLastDelivery(d.deliveryCount())
                ? "it was its last delivery, so only the server's max-deliveries advisory still tells of it"
                : "it comes back after its ack wait";
        log.error("{} could not settle {}: {} ({}); it is left unsettled and {}", agent, describe(d), what,
                e.toString(), after);
        log.debug("{}'s settle failure on {}", agent, d.subject(), e);
        return new Settled(ItemEvent.Result.RETRIED, "left unsettled: " + what + ": " + e.getMessage(), failed,
                outcome instanceof Outcome.Reject, outcome instanceof Outcome.Blocked);
    }

    private Settled settle(Delivery d, ConsumerSpec consumer, Outcome outcome, boolean failed, Runnable completion) {
        return guarded(d, consumer, failed, outcome, () -> settleNow(d, consumer, outcome, failed, completion));
    }

    private Settled settleNow(Delivery d, ConsumerSpec consumer, Outcome outcome, boolean failed, Runnable completion) {
        if (outcome instanceof Outcome.Reject r) {
            DeadLetter.Kind kind = r.reason().startsWith("poison") ? DeadLetter.Kind.POISON : DeadLetter.Kind.REJECTED;
            return giveUp(d, kind, r.reason(), r.reason(), failed, true, false);
        } else if (outcome instanceof Outcome.Retry r) {
            return retryOrGiveUp(d, consumer, r.delay(), r.reason(), ItemEvent.Result.RETRIED, failed, false);
        } else if (outcome instanceof Outcome.Blocked b) {
            if (alerts != null) {
                alerts.post(alertsRoom, agent + ": BLOCKED " + describe(d) + ": " + b.reason(),
                        agent + ":blocked:" + d.stream() + ":" + d.streamSequence() + ":" + d.deliveryCount());
            }
            return retryOrGiveUp(d, consumer, blockedDelay, "blocked: " + b.reason(), ItemEvent.Result.BLOCKED,
                    failed, true);
        } else if (outcome instanceof Outcome.AwaitApproval a) {
            return parker != null ? parker.park(d, consumer, a)
                    : settleNow(d, consumer, Outcome.blocked("awaits a human's approval, which only a turn can ask: "
                            + a.question()), failed, NOTHING);
        }
        try {
            completion.run();
        } catch (RuntimeException e) {
            if (e instanceof BrokerException b && b.isTransient()) {
                throw b;
            }
            return settle(d, consumer, Outcome.retry(failureDelay, "completion failed: " + e), true, NOTHING);
        }
        TransientFailures.kept(d::ack);
        return new Settled(ItemEvent.Result.DONE, "", failed, false, false);
    }

    private Settled retryOrGiveUp(Delivery d, ConsumerSpec consumer, Duration delay, String reason,
                                  ItemEvent.Result result, boolean failed, boolean blocked) {
        if (consumer.isLastDelivery(d.deliveryCount())) {
            return giveUp(d, DeadLetter.Kind.MAX_DELIVERIES, "out of deliveries (" + d.deliveryCount() + " of "
                    + consumer.maxDeliver() + "): " + reason, reason, failed, false, blocked);
        }
        log.info("{} will retry {} in {}: {}", agent, describe(d), delay, reason);
        d.nak(delay);
        return new Settled(result, reason, failed, false, blocked);
    }

    private Settled giveUp(Delivery d, DeadLetter.Kind kind, String reason, String lastError, boolean failed,
                           boolean rejected, boolean blocked) {
        escalate(deadLetters.send(d, kind, reason, lastError));
        TransientFailures.kept(() -> d.term(reason));
        log.warn("{} dead-lettered {}: {}", agent, describe(d), reason);
        return new Settled(ItemEvent.Result.DEAD_LETTERED, reason, failed, rejected, blocked);
    }

    /** Posts the alert of a letter not yet escalated and records it; whether its alert is out (now or before). */
    private boolean escalate(DeadLetters.Sent sent) {
        if (!sent.alert()) {
            return true;
        }
        if (alerts == null) {
            return false;
        }
        DeadLetter letter = sent.letter();
        alerts.post(alertsRoom, Escalation.text(letter), Escalation.key(letter));
        deadLetters.escalated(letter);
        return true;
    }

    /** The item and its subject, for log lines. */
    static String describe(Delivery d) {
        return itemId(d) + " (" + d.subject() + ")";
    }
}
