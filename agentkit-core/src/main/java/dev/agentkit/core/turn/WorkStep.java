package dev.agentkit.core.turn;

import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.budget.Usage;
import dev.agentkit.core.internal.budget.UsageLedger;
import dev.agentkit.core.store.ProcessedStore;
import dev.agentkit.core.store.StoreException;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.core.topology.ConsumerSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * Returns what it pulled, how each item was settled and why it stopped, for the turn's report.
 */
final class WorkStep {
    private static final Logger log = LoggerFactory.getLogger(WorkStep.class);

    /**
     * What the step did.
     *
     * @param pulled        deliveries fetched
     * @param duplicates    redeliveries of items already processed, acked without work
     * @param settled       how each other item was settled, in order
     * @param stopReason    why it stopped pulling
     * @param budgetResetAt when a spent budget or quota it met lets the agent pull again; null if none
     * @param fatal         a {@link VirtualMachineError} from processWork, for the turn to rethrow; null if none
     */
    record Result(int pulled, int duplicates, List<Settlement.Settled> settled, StopReason stopReason,
                  Instant budgetResetAt, VirtualMachineError fatal) {
    }

    private final AgentConfig config;
    private final AgentClock clock;
    private final ProcessedStore processed;
    private final AgentHooks hooks;

    WorkStep(AgentConfig config, AgentClock clock, ProcessedStore processed, AgentHooks hooks) {
        this.config = config;
        this.clock = clock;
        this.processed = processed;
        this.hooks = hooks;
    }

    /** One run of the step: its counts and the VM error that ends it, confined to the turn's thread. */
    private static final class Run {
        int pulled;
        int duplicates;
        final List<Settlement.Settled> settled = new ArrayList<>();
        Instant budgetResetAt;
        VirtualMachineError fatal;

        /** The budget's stop, if there is one now, remembered for the report. */
        Optional<UsageLedger.Stop> budgetStop(Turn turn) {
            Optional<UsageLedger.Stop> stop = turn.budget.stop();
            stop.ifPresent(s -> budgetResetAt = s.resetAt());
            return stop;
        }

        Result end(StopReason why) {
            return new Result(pulled, duplicates, settled, why, budgetResetAt, fatal);
        }
    }

    Result run(Turn turn) {
        ConsumerSpec spec = turn.consumers.work();
        ConsumerRef ref = ConsumerRef.of(spec);
        TurnBudget budget = config.budget();
        Instant deadline = clock.now().plus(budget.maxDuration());
        boolean oneByOne = budget.hasDeadline() || config.usageBudget().isLimited();
        Run run = new Run();
        while (true) {
            Optional<UsageLedger.Stop> stop = run.budgetStop(turn);
            if (stop.isPresent()) {
                return run.end(BudgetGuard.reasonOf(stop.get()));
            }
            if (run.fatal != null) {
                return run.end(StopReason.VM_ERROR);
            }
            if (turn.heartbeat.leaseLost()) {
                return run.end(StopReason.LEASE_LOST);
            }
            int left = budget.maxItems() - run.pulled;
            if (left <= 0) {
                return run.end(StopReason.MAX_ITEMS);
            }
            if (budget.hasDeadline() && !clock.now().isBefore(deadline)) {
                return run.end(StopReason.DEADLINE);
            }
            int want = oneByOne ? 1 : Math.min(left, config.fetchBatch());
            if (budget.hasDeadline()) {
                turn.fetches.atMost(Duration.between(clock.now(), deadline));
            }
            List<Delivery> batch;
            try {
                batch = turn.fetches.fetch(ref, want);
            } catch (BrokerException e) {
                log.warn("{} could not fetch work from {}: {}", config.name(), ref, e.getMessage());
                return run.end(StopReason.BROKER_FAILURE);
            }
            if (batch.isEmpty()) {
                return run.end(StopReason.QUEUE_EMPTY);
            }
            run.pulled += batch.size();
            int done = 0;
            try {
                for (int i = 0; i < batch.size(); i++) {
                    if (run.fatal != null || turn.heartbeat.leaseLost()) {
                        handBack(turn, spec, batch.subList(i, batch.size()));
                        break;
                    }
                    processOne(turn, run, spec, batch.get(i));
                    done = i + 1;
                }
            } catch (BrokerException e) {
                log.warn("{} lost the broker mid-batch; unsettled items will be redelivered, repeats skipped: {}",
                        config.name(), e.getMessage());
                if (e instanceof Settlement.Requeued requeued) {
                    run.settled.add(requeued.settled());
                }
                handBack(turn, spec, batch.subList(Math.min(done + 1, batch.size()), batch.size()));
                return run.end(StopReason.BROKER_FAILURE);
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
        log.info("{} handed {} of {} fetched item(s) back unprocessed", config.name(), back, rest.size());
    }

    private void processOne(Turn turn, Run run, ConsumerSpec spec, Delivery d) {
        String id = Settlement.itemId(d);
        String requirement = d.envelope().requirementId().orElse(id);
        String key = config.name() + "." + id;
        MDC.put(TurnMdc.MESSAGE, id);
        MDC.put(TurnMdc.REQUIREMENT, requirement);
        try {
            Settlement.Settled unknown = null;
            try {
                if (processed.isProcessed(key)) {
                    log.info("{} skips {}: already processed; acking the redelivery", config.name(), id);
                    d.ack();
                    run.duplicates++;
                    return;
                }
            } catch (StoreException e) {
                // whether it was done is unknown: running it might apply it twice, acking might drop it;
                // so it is put back for the failure delay (requeued on its last delivery), not failed
                unknown = turn.processor.defer(d, spec, clock.now().plus(config.failureDelay()),
                        "the processed store failed " + (e.isTransient() ? "transiently" : "permanently")
                                + ", so whether it was done is unknown: " + e.getMessage());
            }
            boolean told = turn.listeners.any() || turn.interceptors.any();
            Instant started = told ? clock.now() : null;
            WorkItem item = new WorkItem(id, d.subject(), d.envelope(), d.deliveryCount(),
                    spec.isLastDelivery(d.deliveryCount()));
            Settlement.Settled known = unknown;
            ItemEvent event = turn.interceptors.item(item, () -> {
                turn.budget.takeItemUsage();
                Settlement.Settled settled = known != null ? known : settle(turn, run, spec, d, item, key);
                run.settled.add(settled);
                Usage usage = turn.budget.takeItemUsage();
                return told ? new ItemEvent(config.name(), turn.id, id, requirement, d.subject(), d.deliveryCount(),
                        settled.result(), settled.detail(), clock.since(started), usage) : null;
            });
            if (event != null) {
                turn.listeners.item(event);
            }
        } finally {
            MDC.remove(TurnMdc.MESSAGE);
            MDC.remove(TurnMdc.REQUIREMENT);
        }
    }

    private Settlement.Settled settle(Turn turn, Run run, ConsumerSpec spec, Delivery d, WorkItem item, String key) {
        String id = item.id();
        Optional<UsageLedger.Stop> stop = run.budgetStop(turn);
        if (stop.isPresent()) {
            // a quota error earlier in this batch: never run an item the provider will refuse
            return turn.processor.defer(d, spec, stop.get().resetAt(), stop.get().reason());
        }
        turn.outbox.beginItem(id);
        try {
            return turn.processor.process(d, spec, x -> work(run, item), () -> {
                turn.outbox.completeItem();
                try {
                    processed.markProcessed(key);
                } catch (RuntimeException e) {
                    // done and announced: a redelivery would run processWork again, past the duplicate window
                    log.error("{} could not mark {} processed ({}); it is done and its announcements are published,"
                            + " so it is acked anyway, or a redelivery would run it again", config.name(), id,
                            e.toString());
                }
            });
        } finally {
            turn.outbox.discardItem();
        }
    }

    /**
     * Runs {@code processWork}: an {@code Error} becomes the item's failure, and a
     * {@link VirtualMachineError} also ends the step once the item is settled (the turn rethrows it).
     */
    private Outcome work(Run run, WorkItem item) throws Exception {
        try {
            return hooks.work(item);
        } catch (VirtualMachineError e) {
            log.error("{}'s processWork threw {} on {}: the item is settled as failed, then the turn ends and "
                    + "rethrows it", config.name(), e, item.id());
            log.debug("{}'s {}", config.name(), e.getClass().getSimpleName(), e);
            run.fatal = e;
            throw new WorkError(e);
        } catch (Error e) {
            throw new WorkError(e);
        }
    }
}
