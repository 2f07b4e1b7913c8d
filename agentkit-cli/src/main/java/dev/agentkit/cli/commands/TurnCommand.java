package dev.agentkit.cli.commands;

import dev.agentkit.cli.Printer;
import dev.agentkit.cli.TeamServers;
import dev.agentkit.cli.WorkerAgents;
import dev.agentkit.cli.config.AgentEntry;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.TurnListener;
import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.core.worker.WorkerAgent;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code agentkit turn AGENT}: one turn of one agent against the team's servers, the workshop's
 * "run Roy's turn": it reads the chat and direct messages, the team's announcements, pulls work
 * within its budget, runs the worker per item, settles each, and prints the {@code TurnReport}.
 * Another turn of the same agent (an {@code agentkit up} elsewhere) holding the lease makes this
 * one do nothing ({@code LEASE_HELD}).
 */
@Command(name = "turn", mixinStandardHelpOptions = true,
        description = "Run one turn of AGENT against the team's servers and print its report.")
public final class TurnCommand extends TeamCommand {
    @Parameters(index = "0", paramLabel = "AGENT", description = "The agent, e.g. roy.")
    String agent;

    @Override
    public Integer call() {
        Printer out = printer();
        AgentEntry entry = team.agent(agent);
        try (TeamServers servers = connect()) {
            TurnListener items = TurnListener.onItem(e -> out.line(Reports.line(e)));
            AgentRuntime runtime = servers.runtime(servers.broker(), List.of(items)).withChat(servers.chat().seat(agent));
            WorkerAgent worker = WorkerAgents.create(team.config(), entry, runtime);
            TurnReport report = worker.runTurn();
            out.result(Reports.json(report), List.of(report.summary()));
            return report.stopReason() == dev.agentkit.core.turn.StopReason.BROKER_FAILURE ? 1 : 0;
        }
    }
}
