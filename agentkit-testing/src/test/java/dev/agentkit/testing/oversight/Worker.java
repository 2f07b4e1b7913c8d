package dev.agentkit.testing.oversight;

import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.TurnBasedAgent;
import dev.agentkit.core.turn.WorkItem;
import java.util.ArrayList;
import java.util.List;

/** An agent for oversight tests: its work is a lambda, and it records the items it saw. */
final class Worker extends TurnBasedAgent {
    interface Work {
        Outcome apply(Worker self, WorkItem item) throws Exception;
    }

    final List<WorkItem> worked = new ArrayList<>();
    Work work = (self, item) -> Outcome.done();

    Worker(AgentConfig config, AgentRuntime runtime) {
        super(config, runtime);
    }

    @Override
    protected Outcome processWork(WorkItem item) throws Exception {
        worked.add(item);
        return work.apply(this, item);
    }

    /** The requirement ids of the items worked, in order. */
    List<String> requirements() {
        return worked.stream().map(i -> i.envelope().requirementId().orElse(i.id())).toList();
    }
}
