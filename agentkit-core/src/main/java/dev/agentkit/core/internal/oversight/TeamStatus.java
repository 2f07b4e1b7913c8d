package dev.agentkit.core.internal.oversight;

import dev.agentkit.core.oversight.ApprovalBook;
import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.ConsumerStatus;
import dev.agentkit.core.oversight.AgentControl;
import dev.agentkit.core.oversight.Team;
import dev.agentkit.core.topology.Topology;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The answer to {@code status}: per agent, paused or active, its work queue's pending and
 * in-progress counts (from {@code Broker.status}), its open dead letters, the questions it asked
 * humans that wait for a decision (with their age), and its last turn.
 */
final class TeamStatus {
    private final Broker broker;
    private final Topology topology;
    private final DeadLetterIndex index;
    private final AgentControl control;
    private final ApprovalBook approvals;

    TeamStatus(Broker broker, Topology topology, DeadLetterIndex index, AgentControl control, ApprovalBook approvals) {
        this.broker = broker;
        this.topology = topology;
        this.index = index;
        this.control = control;
        this.approvals = approvals;
    }

    String describe(Team team, String agent) {
        if (agent != null) {
            return team.roleOf(agent).map(role -> line(agent, role)).orElse("I do not know agent " + agent + ".");
        }
        if (team.agents().isEmpty()) {
            return "no agents are configured for status (AgentRuntime team).";
        }
        return team.roles().entrySet().stream().map(e -> line(e.getKey(), e.getValue()))
                .collect(Collectors.joining("\n"));
    }

    private String line(String agent, String role) {
        StringBuilder sb = new StringBuilder(agent).append(" (").append(role).append("): ")
                .append(control.pausedBy(agent).map(by -> "paused by " + by).orElse("active")).append(", ");
        try {
            ConsumerStatus s = broker.status(ConsumerRef.of(topology.consumersFor(agent, role).work()));
            sb.append(s.pending()).append(" pending, ").append(s.ackPending()).append(" in progress, ");
        } catch (BrokerException e) {
            sb.append("queue unavailable (").append(e.getMessage()).append("), ");
        }
        List<String> open = index.openOf(agent).stream().map(DeadLetterEntry::item).toList();
        sb.append(open.size()).append(open.size() == 1 ? " dead letter open" : " dead letters open");
        if (!open.isEmpty()) {
            sb.append(" (").append(String.join(", ", open)).append(')');
        }
        String waiting = approvals.statusOf(agent);
        return sb.append(waiting.isEmpty() ? "" : ", " + waiting).append("; last turn: ").append(control.lastReport(agent).orElse("none yet")).toString();
    }
}
