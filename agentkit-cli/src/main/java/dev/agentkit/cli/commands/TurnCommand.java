package dev.agentkit.cli.commands;

import dev.agentkit.cli.AgentkitCommand;
import dev.agentkit.cli.Printer;
import dev.agentkit.cli.TeamOptions;
import dev.agentkit.cli.TeamServers;
import dev.agentkit.cli.WorkerAgents;
import dev.agentkit.cli.config.AgentEntry;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.TurnListener;
import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.core.worker.WorkerAgent;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code agentkit turn AGENT}: one turn of one agent against the team's servers, the workshop's
 * "run Roy's turn": it reads the chat and direct messages, the team's announcements, pulls work
 * within its budget, runs the worker per item, settles each, and prints the {@code TurnReport}.
 * Another turn of the same agent (an {@code agentkit up} elsewhere) holding the lease makes this
 * one do nothing ({@code LEASE_HELD}).
 */
@Command(name = "turn", mixinStandardHelpOptions = true,
        description = "Run one turn of AGENT against the team's servers and print its report.")
public final class TurnCommand implements Callable<Integer> {
    @Mixin
    TeamOptions team;

    @Parameters(index = "0", paramLabel = "AGENT", description = "The agent, e.g. roy.")
    String agent;

    @Option(names = "--json", description = "Print the turn report as JSON.")
    boolean json;

    @ParentCommand
    AgentkitCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Printer out = new Printer(spec.commandLine().getOut(), json);
        AgentEntry entry = team.agent(agent);
        try (TeamServers servers = TeamServers.connect(team.config(), team.server(), root.env())) {
            TurnListener items = TurnListener.onItem(e -> out.line(Reports.line(e)));
            AgentRuntime runtime = servers.runtime(servers.broker(), List.of(items)).withChat(servers.chat().seat(agent));
            WorkerAgent worker = WorkerAgents.create(team.config(), entry, runtime);
            TurnReport report = worker.runTurn();
            out.result(Reports.json(report), List.of(report.summary()));
            return report.stopReason() == dev.agentkit.core.turn.StopReason.BROKER_FAILURE ? 1 : 0;
        }
    }
}
