package dev.agentkit.core.turn;

import dev.agentkit.core.internal.budget.UsageLedger;
import dev.agentkit.core.topology.AgentConsumers;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The cycle of {@link TurnBasedAgent#runTurn()}: takes the lease, claims the turn, runs the
 * steps, folds what each returned into the {@link TurnReport}, posts the status line, saves the
 * state and releases the lease. The steps get the agent's config, its runtime and its hooks,
 * never the agent. One cycle per agent instance; it runs one turn at a time.
 */
final class TurnCycle {
    private static final Logger log = LoggerFactory.getLogger(TurnCycle.class);
    /** In agentkit's section of the state: the budget reset the agent last told its room about. */
    static final String BUDGET_SAID_KEY = "budget.said";

    private final AgentConfig config;
    private final AgentRuntime runtime;
    private final AgentConsumers consumers;
    private final ChatStep chatStep;
    private final MessageStep messageStep;
    private final WorkStep workStep;
    private final ApprovalStep approvalStep;
    private Turn current;

    TurnCycle(AgentConfig config, AgentRuntime runtime, AgentHooks hooks) {
        this.config = config;
        this.runtime = runtime;
        this.consumers = runtime.topology().consumersFor(config.name(), config.role());
        this.chatStep = new ChatStep(config, runtime, hooks);
        this.messageStep = new MessageStep(config.name(), hooks);
        this.workStep = new WorkStep(config, runtime.clock(), runtime.processed(), hooks);
        this.approvalStep = new ApprovalStep(config, runtime);
    }

    /** The running turn; null between turns. */
    Turn current() {
        return current;
    }

    TurnReport run() {
        Instant start = runtime.clock().now();
        MDC.put(TurnMdc.AGENT, config.name());
        try {
            Optional<TurnLease.Held> lease = runtime.lease().tryAcquire(config.name(), config.leaseTtl());
            if (lease.isEmpty()) {
                log.info("{} skips a turn: another turn holds the lease", config.name());
                return skipped(StopReason.LEASE_HELD, start);
            }
            try (TurnLease.Held held = lease.get()) {
                return runHolding(start, held);
            }
        } finally {
            MDC.remove(TurnMdc.AGENT);
            MDC.remove(TurnMdc.TURN);
        }
    }

    private TurnReport skipped(StopReason why, Instant start) {
        TurnTally tally = new TurnTally();
        tally.stop(why, null);
        return tally.report(config.name(), "-", start, runtime.clock().since(start), null);
    }

    private TurnReport runHolding(Instant start, TurnLease.Held lease) {
        StateFence fence = new StateFence(runtime.state(), config.name());
        StateFence.Claim claim = fence.claim();
        if (claim.refused() != null) {
            return skipped(claim.refused(), start);
        }
        String turnId = config.name() + "-" + claim.number();
        MDC.put(TurnMdc.TURN, turnId);
        Turn turn = new Turn(turnId, config, runtime, claim.state(), consumers);
        current = turn;
        try {
            TurnStart begun = new TurnStart(config.name(), turnId, start);
            VirtualMachineError[] fatal = new VirtualMachineError[1];
            TurnReport report = turn.interceptors.turn(begun, () -> {
                TurnTally tally = new TurnTally();
                fatal[0] = runSteps(turn, begun, tally, fence, lease);
                return finish(turn, tally, start, fence);
            });
            if (fatal[0] != null) {
                throw fatal[0];
            }
            return report;
        } finally {
            current = null;
        }
    }

    /** Runs the steps, folding their results into {@code tally}; returns a VM error the turn must rethrow. */
    private VirtualMachineError runSteps(Turn t, TurnStart start, TurnTally tally, StateFence fence,
                                         TurnLease.Held lease) {
        t.heartbeat.keepLease(lease, config.leaseTtl());
        try {
            t.listeners.turnStarted(start);
            runtime.control().clearTurnRequest(config.name());
            tally.chat(chatStep.run(t));
            approvalStep.run(t);
            if (runtime.control().isPaused(config.name())) {
                tally.stop(StopReason.PAUSED, null);
                return null;
            }
            Optional<UsageLedger.Stop> stop = t.budget.stop();
            if (stop.isPresent()) {
                tally.stop(BudgetGuard.reasonOf(stop.get()), stop.get().resetAt());
                return null;
            }
            tally.direct(messageStep.direct(t));
            tally.coordination(messageStep.coordination(t));
            WorkStep.Result work = workStep.run(t);
            tally.work(work);
            return work.fatal();
        } catch (RuntimeException | Error e) {
            log.warn("{} ends turn {} early, saving its state first: {}", config.name(), t.id, e.toString());
            fence.save(t.state);
            throw e;
        } finally {
            t.heartbeat.stop();
        }
    }

    private TurnReport finish(Turn t, TurnTally tally, Instant start, StateFence fence) {
        TurnReport report = report(t, tally, start);
        try {
            runtime.control().recordReport(config.name(), report.summary());
        } catch (RuntimeException e) {
            log.warn("{} could not record its last report for status ({})", config.name(), StateFence.describe(e));
        }
        if (report.pulled() > 0) {
            t.chat.post(config.room(), report.summary(), t.id + ":status");
        }
        AgentState.Internal internal = t.state.internal();
        report.budgetReset().filter(reset -> !reset.toString().equals(internal.get(BUDGET_SAID_KEY).orElse("")))
                .ifPresent(reset -> {
                    internal.put(BUDGET_SAID_KEY, reset.toString());
                    t.chat.post(config.room(), config.name() + ": " + (report.stopReason() == StopReason.QUOTA_EXCEEDED
                            ? "the model provider's quota is exhausted" : "my usage budget is spent") + " ("
                            + t.budget.stopReason() + "); I pull no work until " + reset + ".",
                            config.name() + ":budget:" + reset);
                });
        t.budget.save(internal);
        StopReason unsaved = fence.save(t.state);
        if (unsaved != null) {
            tally.stop(unsaved, null);
        }
        TurnReport finalReport = report(t, tally, start);
        log.info("{}", finalReport.summary());
        t.listeners.turnEnded(finalReport);
        return finalReport;
    }

    private TurnReport report(Turn t, TurnTally tally, Instant start) {
        tally.chatFailed(t.chat.failure().orElse(null));
        return tally.report(config.name(), t.id, start, runtime.clock().since(start), t.budget.turnUsage());
    }
}
