package dev.agentkit.cli.commands;

import dev.agentkit.cli.LetterReader;
import dev.agentkit.cli.Printer;
import dev.agentkit.cli.TeamServers;
import dev.agentkit.core.oversight.AgentControl;
import dev.agentkit.core.topology.ConsumerSpec;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.ConsumerInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code agentkit status}: per agent, from the server: its work consumer's pending, in-flight
 * (delivered, not acked) and redelivered counts, its open dead letters, whether it is paused and
 * by whom, and the summary of its last turn (from the team's state), as a table or JSON.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Per agent: pending, in flight, redelivered, dead letters, paused, last turn.")
public final class StatusCommand extends TeamCommand {
    @Override
    public Integer call() throws IOException {
        Printer out = printer();
        try (TeamServers servers = connect()) {
            LetterReader letters = new LetterReader(servers.broker(), team.config().topology(), servers.state());
            letters.catchUp();
            AgentControl control = new AgentControl(servers.state());
            List<Map<String, Object>> agents = new ArrayList<>();
            List<List<String>> rows = new ArrayList<>();
            for (Map.Entry<String, String> a : team.config().roles().entrySet()) {
                String name = a.getKey();
                ConsumerSpec work = team.config().topology().consumersFor(name, a.getValue()).work();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("agent", name);
                m.put("role", a.getValue());
                m.put("consumer", work.stream() + "/" + work.durable());
                try {
                    ConsumerInfo info = servers.connection().jetStreamManagement().getConsumerInfo(work.stream(), work.durable());
                    m.put("pending", info.getNumPending());
                    m.put("inFlight", info.getNumAckPending());
                    m.put("redelivered", info.getRedelivered());
                } catch (JetStreamApiException e) {
                    m.put("pending", null);
                    m.put("inFlight", null);
                    m.put("redelivered", null);
                    m.put("error", "not provisioned (" + e.getErrorDescription() + "); run agentkit provision");
                }
                m.put("deadLetters", letters.index().openOf(name).stream().map(e -> e.item()).toList());
                m.put("pausedBy", control.pausedBy(name).orElse(null));
                m.put("lastTurn", control.lastReport(name).orElse(null));
                agents.add(m);
                rows.add(List.of(name, a.getValue(), text(m.get("pending")), text(m.get("inFlight")),
                        text(m.get("redelivered")), String.valueOf(((List<?>) m.get("deadLetters")).size()),
                        control.pausedBy(name).map(by -> "yes (" + by + ")").orElse("no"),
                        control.lastReport(name).orElse("none yet")));
            }
            out.result(Map.of("agents", agents), Printer.table(List.of("AGENT", "ROLE", "PENDING", "IN FLIGHT",
                    "REDELIVERED", "DEAD", "PAUSED", "LAST TURN"), rows));
            return 0;
        }
    }

    private static String text(Object o) {
        return o == null ? "-" : o.toString();
    }
}
