package dev.agentkit.core.turn;

import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.budget.QuotaExceededException;
import dev.agentkit.core.topology.ConsumerSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The turn's side of settling a delivery: runs it through a handler and settles it by the one
 * {@link Settlement} rule, adding what only a turn has. While the handler runs, the
 * {@link Heartbeat} marks the delivery in progress at a third of the ack wait, so long work is
 * not redelivered elsewhere. A {@link QuotaExceededException} records the quota in the
 * {@link BudgetGuard} (the turn stops pulling) and defers the item until the quota resets,
 * without counting it as a failure. Fetched items the turn will not process are handed back.
 */
final class DeliveryProcessor {
    private static final Logger log = LoggerFactory.getLogger(DeliveryProcessor.class);

    private final String agent;
    private final Settlement settlement;
    private final Heartbeat heartbeat;
    private final QuotaDeferral deferral;
    private final BudgetGuard budget;
    private final Parking parking;
    private final Duration failureDelay;

    DeliveryProcessor(String agent, Settlement settlement, Heartbeat heartbeat, QuotaDeferral deferral,
                      BudgetGuard budget, Parking parking, Duration failureDelay) {
        this.agent = agent;
        this.settlement = settlement;
        this.heartbeat = heartbeat;
        this.deferral = deferral;
        this.budget = budget;
        this.parking = parking;
        this.failureDelay = failureDelay;
        settlement.parkWith(this::awaitApproval);
    }

    /**
     * Parks the item until a human decides: stored and asked first, acked after. A store failure
     * puts it back for the failure delay (requeued on its last delivery), never lost; too many
     * questions waiting block it instead.
     */
    private Settlement.Settled awaitApproval(Delivery d, ConsumerSpec consumer, Outcome.AwaitApproval a) {
        Optional<Settlement.Settled> parked;
        try {
            parked = parking.park(d, a);
        } catch (RuntimeException e) {
            return defer(d, consumer, parking.later(failureDelay), "could not store its question for humans: "
                    + e.getMessage());
        }
        if (parked.isEmpty()) {
            return settlement.settleAs(d, consumer, Outcome.blocked("too many questions wait for humans: " + a.question()));
        }
        TransientFailures.kept(d::ack);
        return parked.get();
    }

    /** Processes and settles {@code d}; {@code completion} runs after a done outcome, before the ack. */
    Settlement.Settled process(Delivery d, ConsumerSpec consumer, Settlement.Handler handler, Runnable completion) {
        // the subject is in the MDC already: the work and message steps put it around each item
        try {
            return settlement.process(d, consumer, watched(consumer, handler), completion);
        } catch (QuotaExceededException e) {
            budget.quotaExceeded(e);
            return defer(d, consumer, e.resetAt(), "quota exceeded: " + e.getMessage());
        }
    }

    private Settlement.Handler watched(ConsumerSpec consumer, Settlement.Handler handler) {
        return d -> {
            heartbeat.watch(d, consumer.ackWait());
            try {
                return handler.handle(d);
            } finally {
                heartbeat.release(d);
            }
        };
    }

    /** Puts {@code d} back until {@code resetAt} without counting a failure (a quota or budget stopped the turn). */
    Settlement.Settled defer(Delivery d, ConsumerSpec consumer, Instant resetAt, String why) {
        return settlement.guarded(d, consumer, false, null, () -> {
            String how = deferral.defer(d, consumer, resetAt);
            log.warn("{} defers {} until {} ({}); {}", agent, Settlement.describe(d), resetAt, why, how);
            return Settlement.Settled.of(ItemEvent.Result.DEFERRED, why + "; deferred until " + resetAt);
        });
    }

    /**
     * Fetched items this turn will not process (it lost its lease or the broker, or must end):
     * each handed back by {@link #handBack(Delivery, ConsumerSpec)}; logs how many went back.
     */
    void handBack(List<Delivery> rest, ConsumerSpec consumer) {
        if (rest.isEmpty()) {
            return;
        }
        int back = 0;
        for (Delivery d : rest) {
            back += handBack(d, consumer) ? 1 : 0;
        }
        log.info("{} handed {} of {} fetched item(s) back unprocessed", agent, back, rest.size());
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
            log.warn("{} could not hand {} back unprocessed ({}); {}", agent, Settlement.describe(d), e.getMessage(),
                    consumer.isLastDelivery(d.deliveryCount())
                            ? "it was its last delivery: only the max-deliveries advisory tells of it"
                            : "it comes back after its ack wait");
            return false;
        }
    }
}
