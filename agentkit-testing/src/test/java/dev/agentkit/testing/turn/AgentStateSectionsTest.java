package dev.agentkit.testing.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.chat.ChatMessage;
import dev.agentkit.core.internal.message.Json;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.TurnBasedAgent;
import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.core.turn.WorkItem;
import dev.agentkit.testing.AgentTestKit;
import dev.agentkit.testing.AgentTestKitExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** agentkit's own keys (turn count, chat cursor, ...) live apart from the map agents get from {@code state()}. */
@ExtendWith(AgentTestKitExtension.class)
class AgentStateSectionsTest {
    private final RecordingChat chat = new RecordingChat();

    /** Records the keys it sees in its state, and keeps one of its own. */
    private static final class Keeper extends TurnBasedAgent {
        final List<Set<String>> seen = new ArrayList<>();

        Keeper(AgentTestKit kit, RecordingChat chat) {
            super(AgentConfig.builder("roy").role("backend").room("backend").build(), kit.runtime(chat));
        }

        @Override
        protected Outcome processWork(WorkItem item) {
            seen.add(state().keys());
            state().put("chat.cursor", "the agent's own value");
            return Outcome.done();
        }

        @Override
        protected Optional<String> onHumanMessage(ChatMessage message) {
            return Optional.of("heard " + message.id());
        }
    }

    private void say(String id) {
        chat.incoming.add(new ChatMessage(id, "backend", "@moss:hs", "roy: " + id, Instant.EPOCH, true, true, true));
    }

    @Test
    void anAgentSeesOnlyItsOwnKeysAndCannotMoveTheCursor(AgentTestKit kit) {
        kit.provision("roy", "backend");
        Keeper roy = new Keeper(kit, chat);
        say("$1");
        kit.publishWork("backend", Map.of("id", "REQ-1"));
        kit.publishWork("backend", Map.of("id", "REQ-2"));

        roy.runTurn();
        say("$2");
        TurnReport second = roy.runTurn();

        assertThat(roy.seen).containsExactly(Set.of(), Set.of("chat.cursor"));
        assertThat(second.humanMessages()).as("the cursor is agentkit's, not the agent's key").isEqualTo(1);
    }

    @Test
    void anAgentSavedInTheOlderFlatLayoutKeepsItsCursorAndTurnCount(AgentTestKit kit) {
        kit.provision("roy", "backend");
        say("$1");
        say("$2");
        say("$3");
        kit.stateStore().put("agent.roy", Json.writeString(Map.of("turn.count", "7", "chat.cursor", "2",
                "notes", "kept from before the upgrade")));
        Keeper roy = new Keeper(kit, chat);
        kit.publishWork("backend", Map.of("id", "REQ-1"));

        TurnReport report = roy.runTurn();

        assertThat(report.turnId()).isEqualTo("roy-8");
        assertThat(report.humanMessages()).as("read from the stored cursor").isEqualTo(1);
        assertThat(chat.postsTo("backend")).contains("roy: heard $3");
        assertThat(roy.seen).containsExactly(Set.of("notes"));
        assertThat(roy.runTurn().turnId()).isEqualTo("roy-9");
    }
}
