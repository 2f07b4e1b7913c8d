package dev.agentkit.cli.commands;

import dev.agentkit.cli.Printer;
import dev.agentkit.cli.TeamServers;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.message.Headers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code agentkit ask AGENT TEXT}: puts a question on the agent's direct subject
 * ({@code work.direct.<agent>}) as another agent's {@code ask} would; the agent answers on its
 * next turn, to {@code work.direct.<from>} ({@code nats stream view DIRECT} shows it).
 */
@Command(name = "ask", mixinStandardHelpOptions = true,
        description = "Ask an agent a question on work.direct.<AGENT>; it answers on its next turn.")
public final class AskCommand extends TeamCommand {
    @Parameters(index = "0", paramLabel = "AGENT", description = "The agent to ask.")
    String agent;

    @Parameters(index = "1", paramLabel = "TEXT", description = "The question.")
    String text;

    @Option(names = "--from", defaultValue = "human", description = "Who asks; the answer goes to work.direct.<from> (default ${DEFAULT-VALUE}).")
    String from;

    @Override
    public Integer call() {
        Printer out = printer();
        team.agent(agent);
        String correlation = from + "-q" + UUID.randomUUID().toString().substring(0, 8);
        var topology = team.config().topology();
        Envelope question = Envelope.ofJson(Map.of("text", text))
                .withHeader(Headers.TYPE, "question")
                .withHeader(Headers.SENDER, from)
                .withHeader(Headers.CORRELATION_ID, correlation)
                .withHeader(Headers.REPLY_TO, topology.directSubject(from))
                .withMessageId(correlation);
        try (TeamServers servers = connect()) {
            String subject = topology.directSubject(agent);
            traced(servers, () -> servers.publisher().publish(subject, question));
            Map<String, String> result = new LinkedHashMap<>();
            result.put("subject", subject);
            result.put("correlationId", correlation);
            result.put("replyTo", topology.directSubject(from));
            out.result(result, List.of("asked " + agent + " on " + subject + " (" + correlation + "); the answer comes"
                    + " on its next turn, to " + topology.directSubject(from)));
            return 0;
        }
    }
}
