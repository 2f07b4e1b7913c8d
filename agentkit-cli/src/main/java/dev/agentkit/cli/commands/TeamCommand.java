package dev.agentkit.cli.commands;

import dev.agentkit.cli.AgentkitCommand;
import dev.agentkit.cli.Printer;
import dev.agentkit.cli.TeamOptions;
import dev.agentkit.cli.TeamServers;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every command that acts on a team's servers shares: the team file and server options,
 * {@code --json}, the environment of the {@code agentkit} command it runs under, and a way to
 * connect and to print.
 */
abstract class TeamCommand implements Callable<Integer> {
    @Mixin
    TeamOptions team;

    @Option(names = "--json", description = "Print the result as JSON (with up: a JSON line per turn).")
    boolean json;

    @ParentCommand
    AgentkitCommand root;

    @Spec
    CommandSpec spec;

    /** Prints on the command's stdout, as text or JSON. */
    Printer printer() {
        return new Printer(spec.commandLine().getOut(), json);
    }

    /**
     * {@code call} inside this command's span ({@code agentkit <name>}), the parent of what it
     * publishes through {@link TeamServers#publisher()}; a no-op unless the {@code OTEL_*} variables
     * ask for an exporter.
     */
    <T> T traced(TeamServers servers, Supplier<T> call) {
        return servers.traced("agentkit " + spec.name(), call);
    }

    /** Connects to the team's servers; the caller closes them. */
    TeamServers connect() {
        return TeamServers.connect(team.config(), team.server(), root.env());
    }
}
