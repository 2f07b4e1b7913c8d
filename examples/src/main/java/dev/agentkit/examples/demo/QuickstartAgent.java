package dev.agentkit.examples.demo;

import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.TurnBasedAgent;
import dev.agentkit.core.turn.WorkItem;
import java.time.Duration;
import java.util.Map;

/**
 * The smallest useful agent, as in the README's quickstart: it implements requirements whose
 * body has a {@code title}, announces each one, asks for a retry when told the work is flaky,
 * and rejects items without a title.
 */
public class QuickstartAgent extends TurnBasedAgent {

    public QuickstartAgent(AgentRuntime runtime) {
        super(AgentConfig.builder("roy").role("backend").room("backend").build(), runtime);
    }

    @Override
    protected Outcome processWork(WorkItem item) {
        String title = item.json().path("title").asText("");
        if (title.isEmpty()) {
            return Outcome.reject("a requirement needs a title");
        }
        if (item.json().path("flaky").asBoolean() && item.deliveryCount() == 1) {
            return Outcome.retry(Duration.ofMinutes(5), "the test database was busy");
        }
        announce("api_ready", Map.of("requirement", item.id(), "title", title));
        return Outcome.done();
    }
}
