package dev.agentkit.core.turn;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.store.ProcessedStore;
import dev.agentkit.core.topology.ConsumerSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Step 5 of the turn: pulls work within the budget and processes each item once. Fetches never
 * wait (an empty queue ends the step at once) and never take more than the budget allows, so a
 * spent budget burns no delivery attempt. Under a wall-time limit it fetches one item at a time.
 */
final class WorkStep {
    private static final Logger log = LoggerFactory.getLogger(WorkStep.class);

    private final TurnBasedAgent agent;

    WorkStep(TurnBasedAgent agent) {
        this.agent = agent;
    }

    void run(Turn turn) {
        AgentConfig config = agent.config();
        Broker broker = agent.runtime().broker();
        ConsumerSpec spec = turn.consumers.work();
        ConsumerRef ref = ConsumerRef.of(spec);
        TurnBudget budget = config.budget();
        Instant deadline = agent.clock().now().plus(budget.maxDuration());
        TurnTally tally = turn.tally;
        while (true) {
            int left = budget.maxItems() - tally.pulled;
            if (left <= 0) {
                tally.stopReason = StopReason.MAX_ITEMS;
                return;
            }
            if (budget.hasDeadline() && !agent.clock().now().isBefore(deadline)) {
                tally.stopReason = StopReason.DEADLINE;
                return;
            }
            int want = budget.hasDeadline() ? 1 : Math.min(left, config.fetchBatch());
            List<Delivery> batch;
            try {
                batch = broker.fetch(ref, want, Duration.ZERO);
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
            try {
                for (Delivery d : batch) {
                    processOne(turn, spec, d);
                }
            } catch (BrokerException e) {
                log.warn("{} lost the broker mid-batch; unsettled items will be redelivered: {}",
                        config.name(), e.getMessage());
                tally.stopReason = StopReason.BROKER_FAILURE;
                return;
            }
        }
    }

    private void processOne(Turn turn, ConsumerSpec spec, Delivery d) {
        String id = d.envelope().id().orElse(d.stream() + ":" + d.streamSequence());
        String key = agent.config().name() + "." + id;
        ProcessedStore processed = agent.runtime().processed();
        MDC.put("agentkit.message", id);
        try {
            if (processed.isProcessed(key)) {
                log.info("{} skips {}: already processed; acking the redelivery", agent.config().name(), id);
                d.ack();
                turn.tally.duplicates++;
                return;
            }
            WorkItem item = new WorkItem(id, d.subject(), d.envelope(), d.deliveryCount(),
                    spec.isLastDelivery(d.deliveryCount()));
            turn.outbox.beginItem(id);
            try {
                turn.processor.process(d, spec, x -> agent.processWork(item), () -> {
                    turn.outbox.completeItem();
                    processed.markProcessed(key);
                }, turn.tally);
            } finally {
                turn.outbox.discardItem();
            }
        } finally {
            MDC.remove("agentkit.message");
        }
    }
}
