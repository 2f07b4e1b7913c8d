package dev.agentkit.examples.team;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkit.core.chat.Rooms;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.DirectMessage;
import dev.agentkit.core.turn.Outcome;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jen, the frontend developer. She records every {@code api_ready} announcement in her state.
 * A requirement that names an endpoint ({@code /api/login}) waits until she knows that API; the
 * first time, she asks Roy how it reports errors. Then she writes the component under
 * {@code src/components/}, built against the recorded API and Roy's answer.
 */
public final class Jen extends TeamMember {
    private static final Pattern ENDPOINT = Pattern.compile("/api/[a-z0-9_]+");

    public Jen(AgentRuntime runtime, TeamSettings settings) {
        super(AgentConfig.builder("jen").role("frontend").room(Rooms.FRONTEND)
                .failureDelay(settings.retryDelay()).build(), runtime, settings);
    }

    static Optional<String> endpoint(RequirementBody r) {
        Matcher m = ENDPOINT.matcher(r.statement());
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }

    @Override
    protected Optional<Outcome> notReady(RequirementBody r) {
        Optional<String> endpoint = endpoint(r);
        if (endpoint.isEmpty() || state().get("api." + endpoint.get()).isPresent()) {
            return Optional.empty();
        }
        if (state().get("asked." + r.id()).isEmpty()) {
            state().put("asked." + r.id(), ask("roy", "How does " + endpoint.get() + " report errors?"));
        }
        return Optional.of(Outcome.retry(settings.retryDelay(), "waiting for roy's " + endpoint.get()));
    }

    @Override
    protected Map<String, String> produce(RequirementBody r) {
        String component = r.firstFileOr("src/components/" + r.slug() + ".tsx");
        String endpoint = endpoint(r).orElse("");
        JsonNode api = Envelope.ofText(state().get("api." + endpoint).orElse("{}")).json();
        String errors = state().get("answer.latest").orElse("no word from the backend on errors");
        String name = component.substring(component.lastIndexOf('/') + 1).replaceAll("\\..*$", "");
        return Map.of(component, "// " + r.id() + ": " + r.statement() + "\n"
                + "// built against " + api.path("method").asText("GET") + " " + endpoint
                + " returning " + api.path("schema") + "\n"
                + "// errors: " + errors + "\n"
                + "export function " + name + "() {\n"
                + (endpoint.isEmpty() ? "" : "  const submit = (body) => fetch('" + endpoint + "', {method: '"
                + api.path("method").asText("GET") + "', body: JSON.stringify(body)});\n")
                + "  return null;\n}\n");
    }

    @Override
    protected void finished(RequirementBody r, List<String> files) {
        announce("ui_ready", Map.of("type", "ui_ready", "requirement", r.id(), "files", files));
        post(Rooms.FRONTEND, r.id() + " done: " + String.join(", ", files)
                + endpoint(r).map(e -> " builds against " + e).orElse(""));
    }

    @Override
    protected void onCoordination(String subject, Envelope message) {
        JsonNode body = message.json();
        if ("api_ready".equals(body.path("type").asText())) {
            state().put("api." + body.path("endpoint").asText(), message.text());
        }
    }

    @Override
    protected void onAnswer(DirectMessage answer) {
        state().put("answer.latest", answer.text());
    }
}
