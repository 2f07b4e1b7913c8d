package dev.agentkit.core.topology;

import java.util.ArrayList;
import java.util.List;

/**
 * The consumers one agent reads in a turn: its work queue, its direct messages, and the
 * coordination streams (its own durable on each, so every agent sees every announcement).
 *
 * @param work         requirements for the agent's role
 * @param direct       messages addressed to the agent
 * @param coordination architecture decisions and integration announcements
 */
public record AgentConsumers(ConsumerSpec work, ConsumerSpec direct, List<ConsumerSpec> coordination) {
    public AgentConsumers {
        coordination = List.copyOf(coordination);
    }

    /** All of them, work first. */
    public List<ConsumerSpec> all() {
        List<ConsumerSpec> all = new ArrayList<>();
        all.add(work);
        all.add(direct);
        all.addAll(coordination);
        return List.copyOf(all);
    }
}
