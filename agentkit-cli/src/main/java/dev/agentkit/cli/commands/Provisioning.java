package dev.agentkit.cli.commands;

import dev.agentkit.cli.Printer;
import dev.agentkit.cli.TeamServers;
import dev.agentkit.nats.PlannedChange;
import dev.agentkit.nats.ProvisioningPlan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Provisioning as the shell commands do it, for {@code provision} and {@code up}: work out the
 * {@link ProvisioningPlan} against the server, refuse if any of it is refused (nothing is
 * changed then), else create and update streams and consumers, open the KV buckets and, with
 * Matrix configured, the rooms.
 */
final class Provisioning {
    private Provisioning() {
    }

    static ProvisioningPlan plan(TeamServers servers) {
        return ProvisioningPlan.of(servers.connection(), servers.config().topology(), servers.config().roles(),
                TeamServers.BUCKETS);
    }

    /** Applies {@code plan}; fails, changing nothing, when it refuses something. */
    static void apply(TeamServers servers, ProvisioningPlan plan) {
        if (plan.refusesAny()) {
            throw new IllegalStateException("provisioning refused, nothing changed: " + String.join("; ",
                    plan.changes().stream().filter(c -> c.action() == PlannedChange.Action.REFUSE)
                            .map(PlannedChange::toString).toList()));
        }
        servers.broker().provision(servers.config().topology(), servers.config().roles());
        servers.openStores();
        if (servers.chat().configured()) {
            servers.chat().provisionRooms();
        }
    }

    /** The plan as printed: one line per change (kept ones only when {@code all}), or JSON. */
    static void print(Printer out, ProvisioningPlan plan, boolean all) {
        List<PlannedChange> shown = plan.changes().stream()
                .filter(c -> all || c.action() != PlannedChange.Action.KEEP).toList();
        List<Map<String, String>> json = plan.changes().stream().map(c -> {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("action", c.action().name().toLowerCase(java.util.Locale.ROOT));
            m.put("kind", c.kind());
            m.put("target", c.target());
            m.put("detail", c.detail());
            return m;
        }).toList();
        List<String> text = shown.isEmpty() ? List.of("nothing to change: the server has the team's topology")
                : shown.stream().map(PlannedChange::toString).toList();
        out.result(Map.of("changes", json, "refused", plan.refusesAny()), text);
    }
}
