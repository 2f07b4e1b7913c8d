package dev.agentkit.core.turn;

import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.budget.QuotaExceededException;
import dev.agentkit.core.internal.oversight.Escalation;
import dev.agentkit.core.message.PoisonMessageException;
import dev.agentkit.core.oversight.DeadLetter;
import dev.agentkit.core.topology.ConsumerSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one delivery through a handler and settles it by the {@link Outcome}: poison and rejects
 * are dead-lettered and terminated, failures on the last allowed delivery too, everything else
 * is acked or nak'ed with a delay. Every new dead letter is escalated once to the alerts room,
 * and recorded as escalated only after it was published and its alert handed to the chat
 * outbox. A {@link QuotaExceededException} defers the item until the quota resets and stops the
 * turn's pulling, without counting as a failure. A transient {@link BrokerException} from the
 * handler or the completion (a lost server, a failover on a cluster) is thrown on with the item
 * unsettled: it is redelivered after its ack wait, never counted as its failure nor
 * dead-lettered for it.
 *
 * <p>No other exception escapes the settle paths (dead-lettering, escalation, ack, nak, term):
 * a broker, store or chat failure there is classified, logged once, and leaves the item
 * unsettled for redelivery after its ack wait (reported as {@code RETRIED}); a transient broker
 * failure is thrown on as above, so the turn stops pulling from a broker that is away. While the
 * handler runs, a timer marks the delivery in progress at a third of the ack wait, so long work
 * is not redelivered elsewhere.
 */
final class DeliveryProcessor {
    private static final Logger log = LoggerFactory.getLogger(DeliveryProcessor.class);

    /** The work done for one delivery. */
    @FunctionalInterface
    interface Handler {
        Outcome handle(Delivery delivery) throws Exception;
    }

    /**
     * Called after a done outcome and before the ack; a failure here retries the item, except a
     * transient {@link BrokerException}, which is thrown on with the item left unsettled. What
     * must not undo a done item (its processed mark, once its announcements are out) catches
     * its own failures.
     */
    @FunctionalInterface
    interface Completion {
        void complete();
    }

    /** How a delivery was settled, and why. */
    record Settled(ItemEvent.Result result, String detail) {
    }

    private final AgentConfig config;
    private final Heartbeat heartbeat;
    private final DeadLetters deadLetters;
    private final ChatOutbox chat;
    private final QuotaDeferral deferral;
    private final BudgetGuard budget;

    DeliveryProcessor(AgentConfig config, Heartbeat heartbeat, DeadLetters deadLetters, ChatOutbox chat,
                      QuotaDeferral deferral, BudgetGuard budget) {
        this.config = config;
        this.heartbeat = heartbeat;
        this.deadLetters = deadLetters;
        this.chat = chat;
        this.deferral = deferral;
        this.budget = budget;
    }

    /** Processes and settles {@code d}, counting what happened in {@code tally}. */
    Settled process(Delivery d, ConsumerSpec consumer, Handler handler, Completion completion, TurnTally tally) {
        MDC.put(TurnMdc.SUBJECT, d.subject());
        try {
            if (!d.envelope().isJson()) {
                Outcome poison = Outcome.reject("poison: body is not JSON: " + d.envelope().preview());
                return guarded(d, consumer, tally, () -> settle(d, consumer, poison, completion, tally));
            }
            Outcome outcome;
            try {
                outcome = runWithHeartbeat(d, consumer, handler, tally);
            } catch (QuotaExceededException e) {
                budget.quotaExceeded(e);
                return defer(d, consumer, e.resetAt(), "quota exceeded: " + e.getMessage(), tally);
            } catch (BrokerException e) {
                throw transientFailure(d, consumer, e, tally);
            }
            return guarded(d, consumer, tally, () -> settle(d, consumer, outcome, completion, tally));
        } finally {
            MDC.remove(TurnMdc.SUBJECT);
        }
    }

    /**
     * Runs a settle path with every failure of its own classified: a transient broker failure is
     * thrown on (the item unsettled, the turn stops pulling); anything else (a permanent broker
     * refusal, a store that cannot write, a bug) is logged once and leaves the item unsettled.
     */
    private Settled guarded(Delivery d, ConsumerSpec consumer, TurnTally tally, Supplier<Settled> settling) {
        try {
            return settling.get();
        } catch (OutcomeKept kept) {
            throw unsettled(d, kept.failure());
        } catch (BrokerException e) {
            if (e.isTransient()) {
                throw transientFailure(d, consumer, e, tally);
            }
            return unsettledForGood(d, consumer, "the broker refused it for good", e, tally);
        } catch (RuntimeException e) {
            return unsettledForGood(d, consumer, "a store or the chat failed", e, tally);
        }
    }

    /**
     * A transient broker failure while {@code d} was worked on or settled. Before its last delivery
     * the item is left unsettled and comes back after its ack wait (the failure is thrown on, so
     * the turn stops pulling). On its last delivery that would lose it (JetStream delivers no
     * more), so it is first requeued with a fresh delivery budget, as a quota deferral does (only if
     * that fails too is it left to the server's max-deliveries advisory). Either way the failure is
     * thrown on and the turn stops pulling.
     */
    /**
     * The final ack or term of an item whose outcome is already kept (done and marked, or
     * dead-lettered): a transient failure of it only leaves the item to come back, where the
     * processed mark or the dead letter's id makes the repeat harmless, so it is never requeued.
     */
    private static void settled(Runnable ackOrTerm) {
        try {
            ackOrTerm.run();
        } catch (BrokerException e) {
            throw e.isTransient() ? new OutcomeKept(e) : e;
        }
    }

    /** A transient failure of the last step of a settle whose outcome is already kept. */
    private static final class OutcomeKept extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutcomeKept(BrokerException cause) {
            super(cause);
        }

        BrokerException failure() {
            return (BrokerException) getCause();
        }
    }

    private BrokerException transientFailure(Delivery d, ConsumerSpec consumer, BrokerException e, TurnTally tally) {
        if (!consumer.isLastDelivery(d.deliveryCount())) {
            return unsettled(d, e);
        }
        String how;
        try {
            how = deferral.requeue(d);
        } catch (BrokerException again) {
            log.error("{} could not requeue {} after a transient broker failure on its last delivery ({}); only the "
                    + "server's max-deliveries advisory still tells of it", config.name(), describe(d), again.getMessage());
            return e;
        }
        tally.retried++;
        log.warn("{} met a transient broker failure on the last delivery of {} ({}); {}", config.name(), describe(d),
                e.getMessage(), how);
        return e;
    }

    private Settled unsettledForGood(Delivery d, ConsumerSpec consumer, String what, RuntimeException e,
                                     TurnTally tally) {
        String after = consumer.isLastDelivery(d.deliveryCount())
                ? "it was its last delivery, so only the server's max-deliveries advisory still tells of it"
                : "it comes back after its ack wait";
        log.error("{} could not settle {}: {} ({}); it is left unsettled and {}", config.name(), describe(d), what,
                e.toString(), after);
        log.debug("{}'s settle failure on {}", config.name(), d.subject(), e);
        tally.retried++;
        return new Settled(ItemEvent.Result.RETRIED, "left unsettled: " + what + ": " + e.getMessage());
    }

    /**
     * Hands back a delivery that was fetched and not processed: nak'ed to come back at once, or on
     * its last delivery (where a nak would end it) requeued with a fresh delivery budget. A broker
     * failure is logged, not thrown (the item then comes back after its ack wait, or on its last
     * delivery only the max-deliveries advisory tells of it); returns whether it was handed back.
     */
    boolean handBack(Delivery d, ConsumerSpec consumer) {
        try {
            if (consumer.isLastDelivery(d.deliveryCount())) {
                deferral.requeue(d);
            } else {
                d.nak(Duration.ZERO);
            }
            return true;
        } catch (BrokerException e) {
            log.warn("{} could not hand {} back unprocessed ({}); {}", config.name(), describe(d), e.getMessage(),
                    consumer.isLastDelivery(d.deliveryCount())
                            ? "it was its last delivery: only the max-deliveries advisory tells of it"
                            : "it comes back after its ack wait");
            return false;
        }
    }

    /** Puts {@code d} back until {@code resetAt} without counting a failure (a quota or budget stopped the turn). */
    Settled defer(Delivery d, ConsumerSpec consumer, Instant resetAt, String why, TurnTally tally) {
        return guarded(d, consumer, tally, () -> {
            String how = deferral.defer(d, consumer, resetAt);
            tally.retried++;
            log.warn("{} defers {} until {} ({}); {}", config.name(), describe(d), resetAt, why, how);
            return new Settled(ItemEvent.Result.DEFERRED, why + "; deferred until " + resetAt);
        });
    }

    private Outcome runWithHeartbeat(Delivery d, ConsumerSpec consumer, Handler handler, TurnTally tally) {
        heartbeat.watch(d, consumer.ackWait());
        try {
            Outcome outcome = handler.handle(d);
            if (outcome == null) {
                throw new IllegalStateException("handler returned null instead of an Outcome");
            }
            return outcome;
        } catch (QuotaExceededException e) {
            throw e;
        } catch (BrokerException e) {
            if (e.isTransient()) {
                throw unsettled(d, e);
            }
            return failed(d, e, tally);
        } catch (PoisonMessageException e) {
            return Outcome.reject("poison: " + e.getMessage());
        } catch (Exception e) {
            return failed(d, e, tally);
        } finally {
            heartbeat.release(d);
        }
    }

    private Outcome failed(Delivery d, Exception e, TurnTally tally) {
        tally.failed++;
        log.warn("{} failed on delivery {} of {}: {}", config.name(), d.deliveryCount(), d.subject(), e.toString());
        log.debug("{}'s failure on {}", config.name(), d.subject(), e);
        return Outcome.retry(config.failureDelay(), "failed: " + e);
    }

    /**
     * A transient broker failure (a lost server, a failover) is not the item's: it is left
     * unsettled, to be redelivered after its ack wait, where the processed mark skips what was done.
     */
    private BrokerException unsettled(Delivery d, BrokerException e) {
        log.warn("{} leaves {} unacked for redelivery: the broker failed transiently ({})", config.name(),
                describe(d), e.getMessage());
        return e;
    }

    private Settled settle(Delivery d, ConsumerSpec consumer, Outcome outcome, Completion completion, TurnTally tally) {
        if (outcome instanceof Outcome.Reject r) {
            tally.rejected++;
            DeadLetter.Kind kind = r.reason().startsWith("poison") ? DeadLetter.Kind.POISON : DeadLetter.Kind.REJECTED;
            return giveUp(d, kind, r.reason(), r.reason(), tally);
        } else if (outcome instanceof Outcome.Retry r) {
            return retryOrGiveUp(d, consumer, r.delay(), r.reason(), ItemEvent.Result.RETRIED, tally);
        } else if (outcome instanceof Outcome.Blocked b) {
            tally.blocked++;
            chat.post(config.alertsRoom(), config.name() + ": BLOCKED " + describe(d) + ": " + b.reason(),
                    config.name() + ":blocked:" + d.stream() + ":" + d.streamSequence() + ":" + d.deliveryCount());
            return retryOrGiveUp(d, consumer, config.blockedDelay(), "blocked: " + b.reason(), ItemEvent.Result.BLOCKED,
                    tally);
        }
        try {
            completion.complete();
        } catch (RuntimeException e) {
            if (e instanceof BrokerException b && b.isTransient()) {
                throw b;
            }
            tally.failed++;
            return settle(d, consumer, Outcome.retry(config.failureDelay(), "completion failed: " + e), () -> { }, tally);
        }
        settled(() -> d.ack());
        tally.done++;
        return new Settled(ItemEvent.Result.DONE, "");
    }

    private Settled retryOrGiveUp(Delivery d, ConsumerSpec consumer, Duration delay, String reason,
                                  ItemEvent.Result result, TurnTally tally) {
        if (consumer.isLastDelivery(d.deliveryCount())) {
            return giveUp(d, DeadLetter.Kind.MAX_DELIVERIES, "out of deliveries (" + d.deliveryCount() + " of "
                    + consumer.maxDeliver() + "): " + reason, reason, tally);
        }
        log.info("{} will retry {} in {}: {}", config.name(), describe(d), delay, reason);
        d.nak(delay);
        tally.retried++;
        return new Settled(result, reason);
    }

    private Settled giveUp(Delivery d, DeadLetter.Kind kind, String reason, String lastError, TurnTally tally) {
        DeadLetters.Sent sent = deadLetters.send(d, kind, reason, lastError);
        if (sent.alert()) {
            DeadLetter letter = sent.letter();
            chat.post(config.alertsRoom(), Escalation.text(letter), Escalation.key(letter));
            deadLetters.escalated(letter);
        }
        settled(() -> d.term(reason));
        tally.deadLettered++;
        log.warn("{} dead-lettered {}: {}", config.name(), describe(d), reason);
        return new Settled(ItemEvent.Result.DEAD_LETTERED, reason);
    }

    static String describe(Delivery d) {
        return d.envelope().id().orElseGet(() -> d.stream() + ":" + d.streamSequence()) + " (" + d.subject() + ")";
    }
}
