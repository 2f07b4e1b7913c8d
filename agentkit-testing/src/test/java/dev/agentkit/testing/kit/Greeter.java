package dev.agentkit.testing.kit;

import dev.agentkit.core.chat.ChatMessage;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.TurnBasedAgent;
import dev.agentkit.core.turn.WorkItem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A test agent that answers every human who addresses it, posts an item's {@code say} to its room, settles
 * an item by its {@code outcome} ({@code done}, {@code retry} in 2 min, {@code reject}), and records whom it heard. */
class Greeter extends TurnBasedAgent {
    final List<String> heard = new ArrayList<>();

    Greeter(String name, String role, AgentRuntime runtime) {
        super(AgentConfig.builder(name).role(role).room(role).build(), runtime);
    }

    @Override
    protected Outcome processWork(WorkItem item) {
        String say = item.json().path("say").asText("");
        if (!say.isEmpty()) {
            post(config().room(), say);
        }
        return switch (item.json().path("outcome").asText("done")) {
            case "retry" -> Outcome.retry(Duration.ofMinutes(2), "not yet");
            case "reject" -> Outcome.reject("a requirement needs a title");
            default -> Outcome.done();
        };
    }

    @Override
    protected Optional<String> onHumanMessage(ChatMessage message) {
        heard.add(message.sender());
        return Optional.of("hello " + message.sender());
    }
}
