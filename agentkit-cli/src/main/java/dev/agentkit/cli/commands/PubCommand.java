package dev.agentkit.cli.commands;

import dev.agentkit.cli.Printer;
import dev.agentkit.cli.TeamServers;
import dev.agentkit.core.broker.PublishResult;
import dev.agentkit.core.internal.message.Json;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.message.Headers;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code agentkit pub ROLE JSON}: puts one work item on {@code work.requirements.<role>}, as
 * {@code nats pub} would, with the body's {@code id} as its message id (so publishing it twice
 * stores it once) and a sender header.
 */
@Command(name = "pub", mixinStandardHelpOptions = true,
        description = "Publish a work item (JSON with an id and a title) to work.requirements.<ROLE>.")
public final class PubCommand extends TeamCommand {
    @Parameters(index = "0", paramLabel = "ROLE", description = "The role whose queue takes it, e.g. backend.")
    String role;

    @Parameters(index = "1", paramLabel = "JSON", description = "The body, e.g. '{\"id\":\"REQ-001\",\"title\":\"Add login\"}'.")
    String body;

    @Override
    public Integer call() {
        Printer out = printer();
        if (!team.config().roles().containsValue(role)) {
            throw new dev.agentkit.cli.UsageException("no agent of " + team.config().file() + " takes role '" + role
                    + "'; the roles are " + String.join(", ", new java.util.LinkedHashSet<>(team.config().roles().values())));
        }
        var parsed = Json.tryRead(body.getBytes(StandardCharsets.UTF_8)).filter(n -> n.isObject())
                .orElseThrow(() -> new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "JSON must be a JSON object, was: " + body));
        Envelope e = Envelope.of(body.getBytes(StandardCharsets.UTF_8), Map.of(Headers.SENDER, "agentkit-cli"));
        Envelope item = parsed.path("id").isTextual() ? e.withMessageId(parsed.path("id").asText()) : e;
        try (TeamServers servers = connect()) {
            String subject = team.config().topology().requirementSubject(role);
            PublishResult r = traced(servers, () -> servers.publisher().publish(subject, item));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("subject", subject);
            result.put("stream", r.stream());
            result.put("sequence", r.sequence());
            result.put("duplicate", r.duplicate());
            out.result(result, List.of((r.duplicate() ? "already stored (same id): " : "published to ") + subject
                    + " (" + r.stream() + " #" + r.sequence() + ")"));
            return 0;
        }
    }
}
