package dev.agentkit.examples.readme.quickstart;

import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.TurnBasedAgent;
import dev.agentkit.core.turn.WorkItem;
import java.util.Map;

/** The README's "Write an agent" (checked by ReadmeSnippetsTest). */
public class Roy extends TurnBasedAgent {
    public Roy(AgentRuntime runtime) {
        super(AgentConfig.builder("roy").role("backend").room("backend").build(), runtime);
    }

    @Override
    protected Outcome processWork(WorkItem item) {
        String title = item.json().path("title").asText("");
        if (title.isEmpty()) {
            return Outcome.reject("a requirement needs a title");   // dead-lettered, never retried
        }
        announce("api_ready", Map.of("requirement", item.id(), "title", title));
        return Outcome.done();                                       // published, then acked
    }
}
