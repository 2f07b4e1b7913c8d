package dev.agentkit.matrix;

import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.TurnBasedAgent;
import dev.agentkit.core.turn.WorkItem;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An agent of the oversight story on real servers: its work is a lambda, and it records the items it saw. */
final class StoryWorker extends TurnBasedAgent {
    interface Work {
        Outcome apply(WorkItem item) throws Exception;
    }

    final List<WorkItem> worked = new CopyOnWriteArrayList<>();
    volatile Work work = item -> Outcome.done();

    StoryWorker(AgentConfig config, AgentRuntime runtime) {
        super(config, runtime);
    }

    @Override
    protected Outcome processWork(WorkItem item) throws Exception {
        worked.add(item);
        return work.apply(item);
    }

    /** The requirement ids of the items worked, in order. */
    List<String> requirements() {
        return worked.stream().map(i -> i.envelope().requirementId().orElse(i.id())).toList();
    }
}
