package dev.agentkit.core.turn;

import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.budget.Usage;
import dev.agentkit.core.store.ProcessedStore;
import dev.agentkit.core.store.StoreException;
import dev.agentkit.core.topology.ConsumerSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Step 5 of the turn: pulls work within the budgets and processes each item once. Fetches never
 * wait (an empty queue ends the step at once) unless the broker failed transiently, when they are
 * retried within the turn's {@link AgentConfig#brokerRetry()}; they never take more than the budgets allow: the
 * item count, the wall time, and the usage budget and provider quota, checked before every fetch,
 * so a spent budget burns no delivery attempt. Under a deadline or a usage budget it fetches one
 * item at a time. Each item is reported to the turn listeners. A turn whose lease was lost (see
 * {@link Heartbeat}) stops pulling, and so does one whose processWork threw a
 * {@link VirtualMachineError}; fetched items it will not process are nak'ed for redelivery.
 */
final class WorkStep {
    private static final Logger log = LoggerFactory.getLogger(WorkStep.class);

    private final TurnBasedAgent agent;

    WorkStep(TurnBasedAgent agent) {
        this.agent = agent;
    }

    void run(Turn turn) {
        AgentConfig config = agent.config();
        ConsumerSpec spec = turn.consumers.work();
        ConsumerRef ref = ConsumerRef.of(spec);
        TurnBudget budget = config.budget();
        Instant deadline = agent.clock().now().plus(budget.maxDuration());
        TurnTally tally = turn.tally;
        boolean oneByOne = budget.hasDeadline() || config.usageBudget().isLimited();
        while (true) {
            if (turn.budget.stopped() || turn.fatal != null) {
                return;
            }
            if (turn.heartbeat.leaseLost()) {
                tally.stopReason = StopReason.LEASE_LOST;
                return;
            }
            int left = budget.maxItems() - tally.pulled;
            if (left <= 0) {
                tally.stopReason = StopReason.MAX_ITEMS;
                return;
            }
            if (budget.hasDeadline() && !agent.clock().now().isBefore(deadline)) {
                tally.stopReason = StopReason.DEADLINE;
                return;
            }
            int want = oneByOne ? 1 : Math.min(left, config.fetchBatch());
            if (budget.hasDeadline()) {
                turn.fetches.atMost(Duration.between(agent.clock().now(), deadline));
            }
            List<Delivery> batch;
            try {
                batch = turn.fetches.fetch(ref, want);
            } catch (BrokerException e) {
                log.warn("{} could not fetch work from {}: {}", config.name(), ref, e.getMessage());
                tally.stopReason = StopReason.BROKER_FAILURE;
                return;
            }
            if (batch.isEmpty()) {
                tally.stopReason = StopReason.QUEUE_EMPTY;
                return;
            }
            tally.pulled += batch.size();
            int done = 0;
            try {
                for (int i = 0; i < batch.size(); i++) {
                    if (turn.fatal != null || turn.heartbeat.leaseLost()) {
                        handBack(turn, spec, batch.subList(i, batch.size()));
                        break;
                    }
                    processOne(turn, spec, batch.get(i));
                    done = i + 1;
                }
            } catch (BrokerException e) {
                log.warn("{} lost the broker mid-batch; unsettled items will be redelivered, repeats skipped: {}",
                        config.name(), e.getMessage());
                handBack(turn, spec, batch.subList(Math.min(done + 1, batch.size()), batch.size()));
                tally.stopReason = StopReason.BROKER_FAILURE;
                return;
            }
        }
    }

    /**
     * Fetched items this turn will not process (it lost its lease or the broker, or must end):
     * redelivered at once, or requeued when on their last delivery; see {@link DeliveryProcessor#handBack}.
     */
    private void handBack(Turn turn, ConsumerSpec spec, List<Delivery> rest) {
        if (rest.isEmpty()) {
            return;
        }
        int back = 0;
        for (Delivery d : rest) {
            back += turn.processor.handBack(d, spec) ? 1 : 0;
        }
        log.info("{} handed {} of {} fetched item(s) back unprocessed", agent.config().name(), back, rest.size());
    }

    private void processOne(Turn turn, ConsumerSpec spec, Delivery d) {
        String id = ItemIds.of(d);
        String requirement = d.envelope().requirementId().orElse(id);
        String key = agent.config().name() + "." + id;
        ProcessedStore processed = agent.runtime().processed();
        MDC.put(TurnMdc.MESSAGE, id);
        MDC.put(TurnMdc.REQUIREMENT, requirement);
        try {
            DeliveryProcessor.Settled unknown = null;
            try {
                if (processed.isProcessed(key)) {
                    log.info("{} skips {}: already processed; acking the redelivery", agent.config().name(), id);
                    d.ack();
                    turn.tally.duplicates++;
                    return;
                }
            } catch (StoreException e) {
                // whether it was done is unknown: running it might apply it twice, acking might drop it;
                // so it is put back for the failure delay (requeued on its last delivery), not failed
                unknown = turn.processor.defer(d, spec, agent.clock().now().plus(agent.config().failureDelay()),
                        "the processed store failed " + (e.isTransient() ? "transiently" : "permanently")
                                + ", so whether it was done is unknown: " + e.getMessage(), turn.tally);
            }
            boolean told = turn.listeners.any();
            Instant started = told ? agent.clock().now() : null;
            turn.budget.takeItemUsage();
            DeliveryProcessor.Settled settled = unknown != null ? unknown : settle(turn, spec, d, id, key, processed);
            Usage usage = turn.budget.takeItemUsage();
            if (told) {
                turn.listeners.item(new ItemEvent(agent.config().name(), turn.id, id, requirement, d.subject(),
                        d.deliveryCount(), settled.result(), settled.detail(), agent.clock().since(started), usage));
            }
        } finally {
            MDC.remove(TurnMdc.MESSAGE);
            MDC.remove(TurnMdc.REQUIREMENT);
        }
    }

    private DeliveryProcessor.Settled settle(Turn turn, ConsumerSpec spec, Delivery d, String id, String key,
                                             ProcessedStore processed) {
        if (turn.budget.stopped()) {
            // a quota error earlier in this batch: never run an item the provider will refuse
            return turn.processor.defer(d, spec, turn.tally.budgetResetAt, turn.budget.stopReason(), turn.tally);
        }
        WorkItem item = new WorkItem(id, d.subject(), d.envelope(), d.deliveryCount(), spec.isLastDelivery(d.deliveryCount()));
        turn.outbox.beginItem(id);
        try {
            return turn.processor.process(d, spec, x -> agent.work(turn, item), () -> {
                turn.outbox.completeItem();
                try {
                    processed.markProcessed(key);
                } catch (RuntimeException e) {
                    // done and announced: a redelivery would run processWork again, past the duplicate window
                    log.error("{} could not mark {} processed ({}); it is done and its announcements are published,"
                            + " so it is acked anyway, or a redelivery would run it again", agent.config().name(), id,
                            e.toString());
                }
            }, turn.tally);
        } finally {
            turn.outbox.discardItem();
        }
    }
}
