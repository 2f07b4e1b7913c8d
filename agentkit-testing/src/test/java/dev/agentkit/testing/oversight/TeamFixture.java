package dev.agentkit.testing.oversight;

import dev.agentkit.core.internal.message.Json;
import dev.agentkit.core.oversight.DeadLetterDesk;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.testing.AgentTestKit;
import dev.agentkit.testing.chat.InMemoryChat;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Roy (backend) and Jen (frontend) provisioned on a test kit, an {@link InMemoryChat} in which
 * Moss may command agents and Mallory may not, and what oversight tests read back.
 */
final class TeamFixture {
    static final String MOSS = "@moss:localhost";
    static final String MALLORY = "@mallory:localhost";

    final AgentTestKit kit;
    final InMemoryChat chat;

    TeamFixture(AgentTestKit kit) {
        this.kit = kit;
        this.chat = new InMemoryChat(kit.clock());
        chat.allowCommands(MOSS);
        kit.provision("roy", "backend").provision("jen", "frontend");
    }

    /** A fresh instance of a team agent (as after a restart), posting to the room named after its role. */
    Worker agent(String name) {
        String role = kit.team().roleOf(name).orElseThrow();
        return new Worker(AgentConfig.builder(name).role(role).room(role).build(), kit.runtime(chat.portFor(name)));
    }

    /**
     * {@code agent} fails every delivery of a new requirement {@code id} with {@code error}, over
     * three turns five minutes apart, so it lands in the dead letters; then its work succeeds again.
     */
    void deadLetter(Worker agent, String id, String error) {
        agent.work = (self, item) -> {
            throw new IllegalStateException(error);
        };
        kit.publishWork(agent.config().role(), Map.of("id", id, "title", "Add login"));
        for (int turn = 1; turn <= 3; turn++) {
            agent.runTurn();
            kit.advance(Duration.ofMinutes(5));
        }
        agent.work = (self, item) -> Outcome.done();
    }

    /** A desk on the kit's broker and store, sharing the kit's control flags. */
    DeadLetterDesk desk() {
        return DeadLetterDesk.builder(kit.broker(), chat.portFor("desk"), kit.stateStore()).team(kit.team())
                .control(kit.control()).build();
    }

    /** What agents and the desk posted to {@code room}, oldest first, as {@code roy: text}. */
    List<String> posts(String room) {
        return chat.messages(room).stream().filter(p -> !p.sender().equals(MOSS) && !p.sender().equals(MALLORY))
                .map(p -> p.sender().substring(1, p.sender().indexOf(':')) + ": " + p.text()).toList();
    }

    /** Makes {@code agent}'s next turn read the chat from the start, as a re-sync from an old cursor. */
    void forgetCursor(String agent) {
        String key = "agent." + agent;
        Map<String, Object> state = new TreeMap<>();
        Json.read(kit.stateStore().get(key).orElseThrow(), Map.class).forEach((k, v) -> state.put(String.valueOf(k), v));
        ((Map<?, ?>) state.get("internal")).remove("chat.cursor");   // agentkit's own section of the state
        kit.stateStore().put(key, Json.writeString(state));
    }
}
