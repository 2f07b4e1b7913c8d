package dev.agentkit.bench.nats;

import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.TurnBasedAgent;
import dev.agentkit.core.turn.TurnBudget;
import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.core.turn.WorkItem;
import java.time.Duration;

/**
 * An agent whose work is nothing: every item is done at once. The drain rows (B1, B2, B5, B6)
 * time the turn cycle around it. Configured with an item budget and no wall-time limit, so a turn
 * fetches {@code fetchBatch} items at a time (a deadline would force one at a time). Counts the
 * items that came a second time, so a row can tell a drain that waited out an ack wait.
 */
public final class DrainAgent extends TurnBasedAgent {
    private long redelivered;

    public DrainAgent(String name, String role, int maxItems, int fetchBatch, AgentRuntime runtime) {
        super(AgentConfig.builder(name).role(role).budget(TurnBudget.items(maxItems)).fetchBatch(fetchBatch).build(),
                runtime);
    }

    @Override
    protected Outcome processWork(WorkItem item) {
        if (item.deliveryCount() > 1) {
            redelivered++;
        }
        return Outcome.done();
    }

    /** How many items this agent has processed on a second or later delivery. */
    public long redelivered() {
        return redelivered;
    }

    /**
     * Runs {@code turns} turns on empty consumers, as an agent polling for work does between
     * backlogs: the per-turn code (state claim and save, the message steps, the report) then runs
     * compiled, as in an agent that has been up a while, instead of in the interpreter; fails if a
     * turn finds work.
     */
    public void idle(int turns) {
        for (int i = 0; i < turns; i++) {
            TurnReport r = runTurn();
            if (r.pulled() != 0) {
                throw new IllegalStateException(config().name() + " found work while idling: " + r.summary());
            }
        }
    }

    /**
     * Runs turns until {@code n} items are done; fails if a turn fails an item or the drain takes
     * longer than {@code limit}.
     */
    public void drain(int n, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        int done = 0;
        while (done < n) {
            TurnReport r = runTurn();
            if (r.done() != r.pulled()) {
                throw new IllegalStateException(config().name() + " did not finish every item: " + r.summary());
            }
            done += r.done();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(config().name() + " drained " + done + " of " + n + " within " + limit);
            }
        }
    }
}
