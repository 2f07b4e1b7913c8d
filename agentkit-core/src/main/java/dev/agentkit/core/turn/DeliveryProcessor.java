package dev.agentkit.core.turn;

import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.message.PoisonMessageException;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.core.topology.ConsumerSpec;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one delivery through a handler and settles it by the {@link Outcome}: poison and rejects
 * are dead-lettered and terminated, failures on the last allowed delivery too, everything else
 * is acked or nak'ed with a delay. While the handler runs, a timer marks the delivery in
 * progress at a third of the ack wait, so long work is not redelivered elsewhere.
 */
final class DeliveryProcessor {
    private static final Logger log = LoggerFactory.getLogger(DeliveryProcessor.class);

    /** The work done for one delivery. */
    @FunctionalInterface
    interface Handler {
        Outcome handle(Delivery delivery) throws Exception;
    }

    /** Called after a done outcome and before the ack; a failure here retries the item. */
    @FunctionalInterface
    interface Completion {
        void complete();
    }

    private final AgentConfig config;
    private final AgentClock clock;
    private final DeadLetters deadLetters;
    private final ChatOutbox chat;

    DeliveryProcessor(AgentConfig config, AgentClock clock, DeadLetters deadLetters, ChatOutbox chat) {
        this.config = config;
        this.clock = clock;
        this.deadLetters = deadLetters;
        this.chat = chat;
    }

    /** Processes and settles {@code d}, counting what happened in {@code tally}; returns the outcome applied. */
    Outcome process(Delivery d, ConsumerSpec consumer, Handler handler, Completion completion, TurnTally tally) {
        MDC.put("agentkit.subject", d.subject());
        try {
            if (!d.envelope().isJson()) {
                return settle(d, consumer, Outcome.reject("poison: body is not JSON: " + d.envelope().preview()), completion, tally);
            }
            return settle(d, consumer, runWithHeartbeat(d, consumer, handler, tally), completion, tally);
        } finally {
            MDC.remove("agentkit.subject");
        }
    }

    private Outcome runWithHeartbeat(Delivery d, ConsumerSpec consumer, Handler handler, TurnTally tally) {
        Duration period = consumer.ackWait().dividedBy(3);
        AgentClock.Timer heartbeat = clock.scheduleRepeating(period.isZero() ? Duration.ofMillis(1) : period,
                d::inProgress);
        try {
            Outcome outcome = handler.handle(d);
            if (outcome == null) {
                throw new IllegalStateException("handler returned null instead of an Outcome");
            }
            return outcome;
        } catch (PoisonMessageException e) {
            return Outcome.reject("poison: " + e.getMessage());
        } catch (Exception e) {
            tally.failed++;
            log.warn("{} failed on delivery {} of {}: {}", config.name(), d.deliveryCount(), d.subject(), e.toString());
            log.debug("{}'s failure on {}", config.name(), d.subject(), e);
            return Outcome.retry(config.failureDelay(), "failed: " + e);
        } finally {
            heartbeat.cancel();
        }
    }

    private Outcome settle(Delivery d, ConsumerSpec consumer, Outcome outcome, Completion completion, TurnTally tally) {
        if (outcome instanceof Outcome.Done) {
            try {
                completion.complete();
            } catch (RuntimeException e) {
                tally.failed++;
                return settle(d, consumer, Outcome.retry(config.failureDelay(), "completion failed: " + e), () -> { }, tally);
            }
            d.ack();
            tally.done++;
        } else if (outcome instanceof Outcome.Reject r) {
            tally.rejected++;
            giveUp(d, r.reason(), tally);
        } else if (outcome instanceof Outcome.Retry r) {
            retryOrGiveUp(d, consumer, r.delay(), r.reason(), tally);
        } else if (outcome instanceof Outcome.Blocked b) {
            tally.blocked++;
            alert("BLOCKED " + describe(d) + ": " + b.reason(), d, "blocked");
            retryOrGiveUp(d, consumer, config.blockedDelay(), "blocked: " + b.reason(), tally);
        }
        return outcome;
    }

    private void retryOrGiveUp(Delivery d, ConsumerSpec consumer, Duration delay, String reason, TurnTally tally) {
        if (consumer.isLastDelivery(d.deliveryCount())) {
            giveUp(d, "out of deliveries (" + d.deliveryCount() + " of " + consumer.maxDeliver() + "): " + reason, tally);
        } else {
            log.info("{} will retry {} in {}: {}", config.name(), describe(d), delay, reason);
            d.nak(delay);
            tally.retried++;
        }
    }

    private void giveUp(Delivery d, String reason, TurnTally tally) {
        deadLetters.send(d, reason);
        d.term(reason);
        tally.deadLettered++;
        log.warn("{} dead-lettered {}: {}", config.name(), describe(d), reason);
        alert("DEAD LETTER " + describe(d) + " after " + d.deliveryCount() + " deliveries: "
                + DeadLetters.oneLine(reason), d, "dead");
    }

    private void alert(String text, Delivery d, String kind) {
        chat.post(config.alertsRoom(), config.name() + ": " + text,
                config.name() + ":" + kind + ":" + d.stream() + ":" + d.streamSequence() + ":" + d.deliveryCount());
    }

    static String describe(Delivery d) {
        return d.envelope().id().orElse(d.stream() + ":" + d.streamSequence()) + " (" + d.subject() + ")";
    }
}
