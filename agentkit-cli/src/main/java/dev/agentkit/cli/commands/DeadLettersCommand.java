package dev.agentkit.cli.commands;

import dev.agentkit.cli.LetterReader;
import dev.agentkit.cli.Printer;
import dev.agentkit.cli.TeamServers;
import dev.agentkit.core.internal.oversight.DeadLetterEntry;
import dev.agentkit.core.oversight.DeadLetter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code agentkit dead-letters}: the dead letters nobody has acted on yet (the ones the
 * {@code #alerts} room shows), with their item id, agent, kind, deliveries and reason; act on
 * them with {@code retry}, {@code skip} or {@code reassign}.
 */
@Command(name = "dead-letters", mixinStandardHelpOptions = true,
        description = "List the open dead letters: item, agent, kind, deliveries, reason.")
public final class DeadLettersCommand extends TeamCommand {
    @Override
    public Integer call() {
        Printer out = printer();
        try (TeamServers servers = connect()) {
            LetterReader letters = new LetterReader(servers.broker(), team.config().topology(), servers.state());
            letters.catchUp();
            List<Map<String, Object>> all = new ArrayList<>();
            List<List<String>> rows = new ArrayList<>();
            for (DeadLetterEntry e : letters.open(team.config().roles().keySet())) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("item", e.item());
                m.put("agent", e.agent());
                m.put("kind", e.kind().code());
                m.put("deliveries", e.deliveries());
                m.put("subject", e.subject());
                m.put("reason", e.reason());
                m.put("letterSubject", e.letterSubject());
                all.add(m);
                rows.add(List.of(e.item(), e.agent(), e.kind().code(), String.valueOf(e.deliveries()), e.reason()));
            }
            out.result(Map.of("deadLetters", all), rows.isEmpty() ? List.of("no open dead letters")
                    : Printer.table(List.of("ITEM", "AGENT", "KIND", "DELIVERIES", "REASON"), rows));
            return 0;
        }
    }
}
