package dev.agentkit.examples.team;

import dev.agentkit.core.chat.ChatMessage;
import dev.agentkit.core.chat.Rooms;
import dev.agentkit.core.oversight.Approval;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.DirectMessage;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.WorkItem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Roy, the backend developer. For each requirement he writes an endpoint and its test under
 * {@code src/api/} and {@code tests/api/}, commits them, announces {@code api_ready} with the
 * endpoint and its schema, and says so in {@code #backend}. He answers other agents' questions
 * about his endpoints, and humans who ask what he has done. A migration asks a human before it
 * runs ({@link Outcome#awaitApproval}): approved, he writes it under {@code src/models/migrations/}
 * and says who approved it; denied, he rejects it into the dead letters with the reason. Work
 * tagged {@code #staging} needs a staging database he cannot reach, so it fails until it is
 * dead-lettered.
 */
public final class Roy extends TeamMember {

    public Roy(AgentRuntime runtime, TeamSettings settings) {
        super(AgentConfig.builder("roy").role("backend").room(Rooms.BACKEND)
                .failureDelay(settings.retryDelay()).build(), runtime, settings);
    }

    /** Who approved the migration in hand, for its post; set and read within one item. */
    private String approvedBy;

    @Override
    protected Optional<Outcome> notReady(RequirementBody r, WorkItem item) {
        approvedBy = null;
        if (!r.tags().contains("migration") || r.tags().contains("staging")) {
            return Optional.empty();
        }
        Optional<Approval> decision = item.approval();
        if (decision.isEmpty()) {
            return Optional.of(Outcome.awaitApproval(r.id() + " migrates the production database (" + r.statement()
                    + "); may I run it?"));
        }
        if (decision.get().denied()) {
            return Optional.of(Outcome.reject("migration " + r.id() + " denied by " + decision.get().by() + ": "
                    + decision.get().text()));
        }
        approvedBy = decision.get().by();
        return Optional.empty();
    }

    static String endpointName(RequirementBody r) {
        String file = r.firstFileOr("src/api/" + r.slug() + ".py");
        String base = file.substring(file.lastIndexOf('/') + 1);
        return base.contains(".") ? base.substring(0, base.indexOf('.')) : base;
    }

    @Override
    protected Map<String, String> produce(RequirementBody r) {
        if (r.tags().contains("staging")) {
            throw new IllegalStateException("the staging database is unreachable, so the migration cannot be verified");
        }
        if (r.tags().contains("migration")) {
            return Map.of("src/models/migrations/" + r.slug() + ".sql", "-- " + r.id() + ": " + r.statement() + "\n");
        }
        String name = endpointName(r);
        Map<String, String> files = new LinkedHashMap<>();
        files.put(r.firstFileOr("src/api/" + name + ".py"), "# " + r.id() + ": " + r.statement() + "\n"
                + "def handle_" + name + "(request):\n"
                + "    \"\"\"POST /api/" + name + " -> {\"ok\": bool, \"requirement\": str}\"\"\"\n"
                + "    if not request.get(\"body\"):\n"
                + "        return 400, {\"error\": \"empty request\"}\n"
                + "    return 200, {\"ok\": True, \"requirement\": \"" + r.id() + "\"}\n");
        files.put("tests/api/test_" + name + ".py", "from src.api." + name + " import handle_" + name + "\n\n"
                + "def test_" + name + "_answers_ok():\n"
                + "    assert handle_" + name + "({\"body\": {\"x\": 1}})[0] == 200\n\n"
                + "def test_" + name + "_rejects_an_empty_request():\n"
                + "    assert handle_" + name + "({})[0] == 400\n");
        return files;
    }

    @Override
    protected void finished(RequirementBody r, List<String> files) {
        if (r.tags().contains("migration")) {
            post(Rooms.BACKEND, r.id() + " done: migration " + String.join(", ", files) + " ran, approved by "
                    + approvedBy);
            return;
        }
        String endpoint = "/api/" + endpointName(r);
        announce("api_ready", Map.of("type", "api_ready", "requirement", r.id(), "endpoint", endpoint,
                "method", "POST", "schema", Map.of("ok", "boolean", "requirement", "string")));
        state().put("built." + r.id(), "POST " + endpoint);
        post(Rooms.BACKEND, r.id() + " done: POST " + endpoint + " is ready (" + String.join(", ", files) + ")");
    }

    @Override
    protected Optional<String> onQuestion(DirectMessage question) {
        String built = String.join(", ", builtEndpoints());
        return Optional.of("Every endpoint I built (" + (built.isEmpty() ? "none yet" : built)
                + ") answers errors as HTTP 400 with {\"error\": string}; success is 200 with the documented schema.");
    }

    @Override
    protected Optional<String> onHumanMessage(ChatMessage message) {
        List<String> built = builtEndpoints();
        return Optional.of(built.isEmpty() ? "nothing finished yet; my queue is work.requirements.backend."
                : "finished so far: " + String.join(", ", built) + ".");
    }

    private List<String> builtEndpoints() {
        return state().keys().stream().filter(k -> k.startsWith("built."))
                .map(k -> k.substring("built.".length()) + " (" + state().get(k).orElse("") + ")").toList();
    }
}
