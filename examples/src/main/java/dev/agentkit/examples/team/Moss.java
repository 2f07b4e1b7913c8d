package dev.agentkit.examples.team;

import dev.agentkit.core.chat.Rooms;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import java.util.List;
import java.util.Map;

/**
 * Moss, the infrastructure engineer. For each requirement he writes a configuration file under
 * {@code infra/} (or the file the requirement names), commits it, announces {@code infra_ready}
 * and says so in {@code #general}.
 */
public final class Moss extends TeamMember {

    public Moss(AgentRuntime runtime, TeamSettings settings) {
        super(AgentConfig.builder("moss").role("infra").room(Rooms.GENERAL)
                .failureDelay(settings.retryDelay()).build(), runtime, settings);
    }

    @Override
    protected Map<String, String> produce(RequirementBody r) {
        String file = r.firstFileOr("infra/" + r.slug() + ".yml");
        return Map.of(file, "# " + r.id() + ": " + r.statement() + "\n"
                + "name: " + r.slug() + "\n"
                + "steps:\n  - run: ./scripts/test.sh\n");
    }

    @Override
    protected void finished(RequirementBody r, List<String> files) {
        announce("infra_ready", Map.of("type", "infra_ready", "requirement", r.id(), "files", files));
        post(Rooms.GENERAL, r.id() + " done: " + String.join(", ", files));
    }
}
