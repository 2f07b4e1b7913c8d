package dev.agentkit.core.turn;

import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.Pulls;
import dev.agentkit.core.internal.budget.UsageLedger;
import dev.agentkit.core.store.ProcessedStore;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.core.topology.ConsumerSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 5 of the turn: pulls work within the budgets and processes each item once. Fetches never
 * wait (an empty queue ends the step at once) unless the broker failed transiently, when they are
 * retried within the turn's {@link AgentConfig#brokerRetry()}; they never take more than the
 * budgets allow: the item count, the wall time, and the usage budget and provider quota, checked
 * before every fetch, so a spent budget burns no delivery attempt. Under a deadline or a usage
 * budget it fetches one item at a time; in batches ({@code fetchBatch} above 1) it works on each
 * batch as it arrives ({@link Arrivals}) and asks for the next while it works, handing back at the
 * end what it was sent ahead and did not process. Each item is reported to the turn listeners. A
 * turn whose lease was lost (see {@link Heartbeat}) stops pulling, and so does one whose
 * processWork threw a {@link VirtualMachineError}; fetched items it will not process are nak'ed
 * for redelivery. Returns what it pulled, how each item was settled and why it stopped, for the
 * turn's report.
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
    /** Whether the processed store was seen to keep marks asynchronously, remembered across turns. */
    private volatile boolean asynchronousMarks;

    WorkStep(AgentConfig config, AgentClock clock, ProcessedStore processed, AgentHooks hooks) {
        this.config = config;
        this.clock = clock;
        this.processed = processed;
        this.hooks = hooks;
    }

    /** One run of the step: its counts and the VM error that ends it, confined to the turn's thread. */
    static final class Run {
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
        Instant deadline = clock.now().plus(config.budget().maxDuration());
        boolean oneByOne = config.budget().hasDeadline() || config.usageBudget().isLimited();
        Run run = new Run();
        Pulls pulls = turn.fetches.pulls(ref);
        MarkedAcks acks = new MarkedAcks(config.name(), asynchronousMarks);
        try {
            return pull(turn, run, spec, ref, pulls, acks, deadline, oneByOne);
        } finally {
            asynchronousMarks = acks.asynchronous();
            try {
                acks.ackAll();
            } catch (BrokerException e) {
                log.debug("{}'s last acks failed; those items come back and are skipped: {}", config.name(),
                        e.getMessage());
            }
            // what a pull asked for ahead and the turn never saw goes back at once
            pulls.close(unseen -> turn.processor.handBack(unseen, spec));
        }
    }

    private Result pull(Turn turn, Run run, ConsumerSpec spec, ConsumerRef ref, Pulls pulls, MarkedAcks acks,
                        Instant deadline, boolean oneByOne) {
        TurnBudget budget = config.budget();
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
            // in batches, the next batch is on the wire while this one is worked on; an agent that takes
            // one item at a time never holds one it is not working on, which another instance could do
            int ahead = oneByOne || config.fetchBatch() == 1 ? 0 : Math.min(left - want, config.fetchBatch());
            if (budget.hasDeadline()) {
                turn.fetches.atMost(Duration.between(clock.now(), deadline));
            }
            Arrivals arrivals = new Arrivals(config, clock, processed, hooks, turn, run, spec, acks);
            try {
                turn.fetches.fetch(pulls, ref.toString(), want, ahead, arrivals::arrived);
            } catch (BrokerException e) {
                log.warn("{} could not fetch work from {}: {}", config.name(), ref, e.getMessage());
                return run.end(StopReason.BROKER_FAILURE);
            }
            if (arrivals.received == 0) {
                return run.end(StopReason.QUEUE_EMPTY);
            }
            if (arrivals.brokerLost) {
                return run.end(StopReason.BROKER_FAILURE);
            }
        }
    }
}
