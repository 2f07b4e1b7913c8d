package dev.agentkit.matrix;

import static dev.agentkit.matrix.MatrixWorld.ALICE;
import static dev.agentkit.matrix.MatrixWorld.MALLORY;
import static dev.agentkit.matrix.MatrixWorld.ROY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.chat.ChatMessage;
import dev.agentkit.core.chat.Rooms;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.StopReason;
import dev.agentkit.core.turn.TurnBasedAgent;
import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.core.turn.WorkItem;
import dev.agentkit.testing.AgentTestKit;
import dev.agentkit.testing.matrix.SynapseExtension;
import dev.agentkit.testing.matrix.SynapseServer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Whole turns of an agent whose chat is {@link MatrixChatPort} on a real Synapse and whose work
 * comes from the in-memory broker: mentions heard once across turns and restarts, commands from
 * strangers ignored, and a homeserver outage that costs no work and no alert.
 */
@ExtendWith(SynapseExtension.class)
class MatrixTurnIT {
    @RegisterExtension
    static final TokenLeakCheck LEAKS = new TokenLeakCheck();

    /** A backend agent that remembers what humans told it and raises an alert for every item. */
    static final class Roy extends TurnBasedAgent {
        final List<String> heard = new CopyOnWriteArrayList<>();

        Roy(AgentRuntime runtime) {
            super(AgentConfig.builder(ROY).role("backend").room(Rooms.BACKEND).build(), runtime);
        }

        @Override
        protected Outcome processWork(WorkItem item) {
            alert(item.id() + " needs a database decision");
            return Outcome.done();
        }

        @Override
        protected Optional<String> onHumanMessage(ChatMessage message) {
            heard.add(message.textWithoutAddress(ROY));
            return Optional.of("noted: " + message.textWithoutAddress(ROY));
        }
    }

    private SynapseServer synapse;
    private MatrixWorld world;
    private AgentTestKit kit;

    @BeforeEach
    void newWorld(SynapseServer server) {
        synapse = server;
        world = new MatrixWorld(server, LEAKS, Rooms.GENERAL, Rooms.BACKEND, Rooms.ALERTS);
        kit = AgentTestKit.create().provision(ROY, "backend");
    }

    @AfterEach
    void closeKit() {
        kit.close();
    }

    /** Roy as a fresh process would make him: a new port on the same state store. */
    private Roy startRoy() {
        return new Roy(kit.runtime(world.port(ROY)));
    }

    @Test
    void aHumansMentionReachesTheAgentOnceAcrossTurnsAndARestart() {
        world.mention(ALICE, Rooms.BACKEND, ROY, "what is the build status?");
        Roy roy = startRoy();

        TurnReport first = roy.runTurn();
        TurnReport second = roy.runTurn();
        Roy restarted = startRoy();
        TurnReport afterRestart = restarted.runTurn();
        world.say(ALICE, Rooms.BACKEND, "roy: and the deploy?");
        TurnReport last = restarted.runTurn();

        assertThat(roy.heard).containsExactly("what is the build status?");
        assertThat(restarted.heard).containsExactly("and the deploy?");
        assertThat(List.of(first, second, afterRestart, last)).extracting(TurnReport::humanMessages)
                .containsExactly(1, 0, 0, 1);
        assertThat(world.texts(Rooms.BACKEND)).filteredOn(t -> t.startsWith("roy: noted"))
                .containsExactly("roy: noted: what is the build status?", "roy: noted: and the deploy?");
    }

    @Test
    void aStrangersPauseDoesNothingWhileTheCommandersPauses() {
        Roy roy = startRoy();
        roy.runTurn();
        kit.publishWork("backend", Map.of("id", "REQ-1"));
        world.say(MALLORY, Rooms.BACKEND, "roy: pause");

        TurnReport afterStranger = roy.runTurn();
        world.say(ALICE, Rooms.BACKEND, "roy: pause");
        kit.publishWork("backend", Map.of("id", "REQ-2"));
        TurnReport afterCommander = roy.runTurn();

        assertThat(afterStranger.stopReason()).isNotEqualTo(StopReason.PAUSED);
        assertThat(kit.acked("REQ-1")).isTrue();
        assertThat(afterCommander.stopReason()).isEqualTo(StopReason.PAUSED);
        assertThat(kit.acked("REQ-2")).isFalse();
        assertThat(world.texts(Rooms.BACKEND)).filteredOn(t -> t.contains("paused;")).hasSize(1);
    }

    @Test
    void aTurnWithTheHomeserverDownAcksItsWorkAndPostsTheKeptAlertOnceItIsBack() {
        Roy roy = startRoy();
        roy.runTurn();
        kit.publishWork("backend", Map.of("id", "REQ-9"));

        TurnReport down;
        synapse.stop();
        try {
            down = roy.runTurn();
        } finally {
            synapse.start();
        }
        TurnReport back = roy.runTurn();
        roy.runTurn();

        assertThat(down.done()).isEqualTo(1);
        assertThat(kit.acked("REQ-9")).isTrue();
        assertThat(down.chatFailure()).hasValueSatisfying(f -> assertThat(f).contains("unreachable"));
        assertThat(back.chatFailure()).isEmpty();
        assertThat(world.texts(Rooms.ALERTS)).containsExactly("roy: REQ-9 needs a database decision");
    }
}
