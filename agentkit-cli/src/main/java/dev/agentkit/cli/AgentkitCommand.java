package dev.agentkit.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.agentkit.cli.commands.AskCommand;
import dev.agentkit.cli.commands.DeadLettersCommand;
import dev.agentkit.cli.commands.DemoCommand;
import dev.agentkit.cli.commands.DrainCommand;
import dev.agentkit.cli.commands.InitCommand;
import dev.agentkit.cli.commands.OversightCommands;
import dev.agentkit.cli.commands.ProvisionCommand;
import dev.agentkit.cli.commands.PubCommand;
import dev.agentkit.cli.commands.StatusCommand;
import dev.agentkit.cli.commands.TurnCommand;
import dev.agentkit.cli.commands.UpCommand;
import java.util.Map;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code agentkit}: run a team of turn-based agents from a shell. The subcommands act on the team
 * that {@code agentkit.yaml} describes (see agentkit-cli/README.md); {@code init} writes one and
 * {@code demo} needs none. Exit status: 0 ok, 1 failure, 2 usage.
 */
@Command(name = "agentkit", mixinStandardHelpOptions = true, version = "agentkit 0.1.0-SNAPSHOT",
        description = "Run a team of turn-based agents on NATS JetStream (and Matrix) from a shell.",
        subcommands = {InitCommand.class, DemoCommand.class, ProvisionCommand.class, DrainCommand.class,
                PubCommand.class, AskCommand.class, TurnCommand.class, UpCommand.class, StatusCommand.class,
                DeadLettersCommand.class, OversightCommands.Retry.class, OversightCommands.Skip.class,
                OversightCommands.Reassign.class, OversightCommands.Approve.class,
                OversightCommands.Deny.class, OversightCommands.Answer.class, OversightCommands.Pause.class,
                OversightCommands.Resume.class})
public final class AgentkitCommand implements Runnable {
    private final Map<String, String> env;

    @Option(names = {"-v", "--verbose"}, scope = CommandLine.ScopeType.INHERIT,
            description = "Log at INFO (turns, items, commits) to stderr; twice for DEBUG.")
    public void verbose(boolean[] flags) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(flags.length > 1 ? Level.DEBUG : Level.INFO);
    }

    AgentkitCommand(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The environment the commands read (NATS_*, AGENTKIT_*): the process's, or a test's. */
    public Map<String, String> env() {
        return env;
    }

    /** A command line over {@code env} with agentkit's exit codes and error printing. */
    public static CommandLine commandLine(Map<String, String> env) {
        CommandLine cl = new CommandLine(new AgentkitCommand(env));
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("agentkit " + line.getCommandName() + ": " + message(e));
            line.getErr().flush();
            return e instanceof UsageException ? CommandLine.ExitCode.USAGE : CommandLine.ExitCode.SOFTWARE;
        });
        return cl;
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.toString() : m;
    }

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required; see agentkit --help");
    }
}
