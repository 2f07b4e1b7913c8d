package dev.agentkit.cli.commands;

import dev.agentkit.cli.Printer;
import dev.agentkit.cli.TeamServers;
import dev.agentkit.nats.ProvisioningPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code agentkit provision [--dry-run]}: creates or updates the team's streams, consumers and KV
 * buckets (and rooms when Matrix is configured). {@code --dry-run} prints what it would create,
 * widen, change or refuse against what the server has, and changes nothing.
 */
@Command(name = "provision", mixinStandardHelpOptions = true,
        description = "Create or update streams, consumers, KV buckets (and Matrix rooms); --dry-run only says what.")
public final class ProvisionCommand extends TeamCommand {
    @Option(names = "--dry-run", description = "Print what would be created, changed or refused; change nothing.")
    boolean dryRun;

    @Option(names = "--all", description = "Also list what is kept as it is.")
    boolean all;

    @Override
    public Integer call() {
        Printer out = printer();
        try (TeamServers servers = connect()) {
            ProvisioningPlan plan = Provisioning.plan(servers);
            out.line(dryRun ? "would do, on " + servers.connection().getConnectedUrl() + ":"
                    : "provisioning " + servers.connection().getConnectedUrl() + ":");
            Provisioning.print(out, plan, all);
            if (dryRun) {
                return 0;
            }
            Provisioning.apply(servers, plan);
            out.line("done");
            return 0;
        }
    }
}
