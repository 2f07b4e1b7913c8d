package dev.agentkit.core.turn;

import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.budget.Usage;
import dev.agentkit.core.internal.budget.UsageLedger;
import dev.agentkit.core.store.ProcessedStore;
import dev.agentkit.core.store.StoreException;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.core.topology.ConsumerSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The items of one fetch, processed as they arrive: the processed store is read once for the items
 * that arrived together, each is processed, and their acks wait for their marks ({@link
 * MarkedAcks}): each done item is acked once its mark is kept, checked after every item. Once the
 * turn must stop (a lost lease or broker, a VM error) the rest of the fetch is handed back as it
 * arrives.
 */
final class Arrivals {
    private static final Logger log = LoggerFactory.getLogger(Arrivals.class);

    private final AgentConfig config;
    private final AgentClock clock;
    private final ProcessedStore processed;
    private final AgentHooks hooks;
    private final Turn turn;
    private final WorkStep.Run run;
    private final ConsumerSpec spec;
    private final MarkedAcks acks;
    /** How many deliveries arrived. */
    int received;
    /** Whether the broker failed while they were settled: the rest of the fetch was handed back. */
    boolean brokerLost;
    /** The subject last put in the MDC while these items run; null when none is. */
    private String mdcSubject;

    Arrivals(AgentConfig config, AgentClock clock, ProcessedStore processed, AgentHooks hooks, Turn turn,
             WorkStep.Run run, ConsumerSpec spec, MarkedAcks acks) {
        this.config = config;
        this.clock = clock;
        this.processed = processed;
        this.hooks = hooks;
        this.turn = turn;
        this.run = run;
        this.spec = spec;
        this.acks = acks;
    }

    /** Processes the deliveries that arrived together, or hands them back once the turn must stop. */
    void arrived(List<Delivery> chunk) {
        received += chunk.size();
        run.pulled += chunk.size();
        if (brokerLost) {
            turn.processor.handBack(chunk, spec);
            return;
        }
        List<String> ids = new ArrayList<>(chunk.size());
        List<String> keys = new ArrayList<>(chunk.size());
        for (Delivery d : chunk) {
            String id = Settlement.itemId(d);
            ids.add(id);
            keys.add(key(id));
        }
        acks.storeRead();
        ProcessedCheck check = read(keys);
        try {
            for (int i = 0; i < chunk.size(); i++) {
                if (run.fatal != null || turn.heartbeat.leaseLost()) {
                    clearMdc();
                    turn.processor.handBack(chunk.subList(i, chunk.size()), spec);
                    break;
                }
                try {
                    processOne(check, chunk.get(i), ids.get(i), keys.get(i));
                    acks.ackReady();
                } catch (BrokerException e) {
                    log.warn("{} lost the broker mid-batch; unsettled items will be redelivered, repeats skipped: {}",
                            config.name(), e.getMessage());
                    if (e instanceof Settlement.Requeued requeued) {
                        run.settled.add(requeued.settled());
                    }
                    brokerLost = true;
                    clearMdc();
                    turn.processor.handBack(chunk.subList(i + 1, chunk.size()), spec);
                    break;
                }
            }
        } finally {
            clearMdc();
        }
    }

    /**
     * Puts the item's keys in the MDC for its log lines; they are overwritten by the next item's
     * and removed when the arrival's items are done ({@link #clearMdc}), not after every item,
     * and the subject, the same for most items, is put only when it changes.
     */
    private void putMdc(String id, String requirement, String subject) {
        MDC.put(TurnMdc.MESSAGE, id);
        MDC.put(TurnMdc.REQUIREMENT, requirement);
        if (!subject.equals(mdcSubject)) {
            MDC.put(TurnMdc.SUBJECT, subject);
            mdcSubject = subject;
        }
    }

    private void clearMdc() {
        MDC.remove(TurnMdc.MESSAGE);
        MDC.remove(TurnMdc.REQUIREMENT);
        if (mdcSubject != null) {
            MDC.remove(TurnMdc.SUBJECT);
            mdcSubject = null;
        }
    }

    /**
     * Reads the processed marks of {@code keys} at once; if that fails (a {@link StoreException},
     * or a {@link BrokerException} from a store on the broker), each item's mark is read alone
     * before it runs, so only the items whose read fails are put back.
     */
    private ProcessedCheck read(List<String> keys) {
        if (keys.size() == 1) {
            return key -> acks.markedHere(key) || processed.isProcessed(key);
        }
        try {
            Set<String> done = processed.processedAmong(keys);
            return key -> done.contains(key) || acks.markedHere(key);
        } catch (StoreException | BrokerException e) {
            // each item's own read then puts it back, or stops the turn as a lost broker, as one read would
            log.debug("{} could not read the processed marks of {} items at once, reads each alone: {}",
                    config.name(), keys.size(), e.getMessage());
            return key -> acks.markedHere(key) || processed.isProcessed(key);
        }
    }

    /** Whether an item's key is marked processed; throws a {@link StoreException} when that is unknown. */
    @FunctionalInterface
    private interface ProcessedCheck {
        boolean isProcessed(String key);
    }

    /** The processed store's key of item {@code id}. */
    private String key(String id) {
        return config.name() + "." + id;
    }

    private void processOne(ProcessedCheck check, Delivery d, String id, String key) {
        String requirement = d.envelope().requirementId().orElse(id);
        putMdc(id, requirement, d.subject());
        Settlement.Settled unknown = null;
        try {
            if (check.isProcessed(key)) {
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
            Settlement.Settled settled = known != null ? known : settle(d, item, key);
            run.settled.add(settled);
            Usage usage = turn.budget.takeItemUsage();
            return told ? new ItemEvent(config.name(), turn.id, id, requirement, d.subject(), d.deliveryCount(),
                    settled.result(), settled.detail(), clock.since(started), usage) : null;
        });
        if (event != null) {
            turn.listeners.item(event);
        }
    }

    private Settlement.Settled settle(Delivery delivery, WorkItem item, String key) {
        Delivery d = acks.deferring(delivery);
        String id = item.id();
        Optional<UsageLedger.Stop> stop = run.budgetStop(turn);
        if (stop.isPresent()) {
            // a quota error earlier in this batch: never run an item the provider will refuse
            return turn.processor.defer(d, spec, stop.get().resetAt(), stop.get().reason());
        }
        turn.outbox.beginItem(id);
        try {
            return turn.processor.process(d, spec, x -> work(item), () -> {
                turn.outbox.completeItem();
                acks.marking(d, key, markAsync(key));
            });
        } finally {
            turn.outbox.discardItem();
        }
    }

    /** Starts marking {@code key} processed; a store that throws instead of failing the future fails it. */
    private CompletableFuture<Void> markAsync(String key) {
        try {
            return processed.markProcessedAsync(key);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Runs {@code processWork}: an {@code Error} becomes the item's failure, and a
     * {@link VirtualMachineError} also ends the step once the item is settled (the turn rethrows it).
     */
    private Outcome work(WorkItem item) throws Exception {
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
