package dev.agentkit.matrix;

import static dev.agentkit.matrix.MatrixWorld.ROY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.chat.ChatLimits;
import dev.agentkit.core.chat.Rooms;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.TurnBasedAgent;
import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.core.turn.WorkItem;
import dev.agentkit.testing.AgentTestKit;
import dev.agentkit.testing.matrix.SynapseExtension;
import dev.agentkit.testing.matrix.SynapseServer;
import dev.agentkit.matrix.client.MessagesQuery;
import dev.agentkit.matrix.client.RoomEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The chat outbox against a real Synapse (issue 15, scenario 5): a post Synapse would refuse as
 * too large is cut to fit and the posts after it still arrive; a post a room refuses for good is
 * dropped without holding back other posts; a room that cannot be joined yet keeps its posts
 * while other rooms get theirs; and the kept backlog stays small.
 */
@ExtendWith(SynapseExtension.class)
class MatrixOutboxIT {
    @RegisterExtension
    static final TokenLeakCheck LEAKS = new TokenLeakCheck();

    /** An agent that raises the alert its item carries, in the room its item names (alerts by default). */
    static final class Roy extends TurnBasedAgent {
        Roy(AgentRuntime runtime) {
            super(AgentConfig.builder(ROY).role("backend").room(Rooms.BACKEND).build(), runtime);
        }

        @Override
        protected Outcome processWork(WorkItem item) {
            post(item.json().path("room").asText(Rooms.ALERTS), item.json().path("alert").asText());
            return Outcome.done();
        }
    }

    private MatrixWorld world;
    private AgentTestKit kit;

    @BeforeEach
    void newWorld(SynapseServer server) {
        world = new MatrixWorld(server, LEAKS, Rooms.GENERAL, Rooms.BACKEND, Rooms.ALERTS);
        kit = AgentTestKit.create().provision(ROY, "backend");
    }

    @AfterEach
    void closeKit() {
        kit.close();
    }

    private int keptStateChars() {
        return kit.stateStore().get("agent." + ROY).map(String::length).orElse(0);
    }

    @Test
    void aSeventyKilobytePostIsCutToFitAndEveryLaterAlertAndStatusArrives() {
        Roy roy = new Roy(kit.runtime(world.port(ROY)));
        String huge = "stack trace line of a failing migration\n".repeat(1_800);
        assertThat(huge.length()).isGreaterThan(70_000);

        kit.publishWork("backend", Map.of("id", "REQ-1", "alert", huge));
        List<TurnReport> reports = new ArrayList<>();
        reports.add(roy.runTurn());
        for (int i = 2; i <= 6; i++) {
            kit.publishWork("backend", Map.of("id", "REQ-" + i, "alert", "REQ-" + i + " needs a decision"));
            reports.add(roy.runTurn());
        }

        List<String> alerts = world.texts(Rooms.ALERTS);
        assertThat(alerts).hasSize(6);
        assertThat(alerts.get(0)).startsWith("roy: stack trace line of a failing migration\n")
                .contains(ChatLimits.CUT_MARKER).hasSizeLessThan(65_536);
        assertThat(alerts.subList(1, 6)).containsExactly("roy: REQ-2 needs a decision", "roy: REQ-3 needs a decision",
                "roy: REQ-4 needs a decision", "roy: REQ-5 needs a decision", "roy: REQ-6 needs a decision");
        assertThat(world.texts(Rooms.BACKEND)).filteredOn(t -> t.startsWith("roy turn roy-")).hasSize(6);
        assertThat(reports).allSatisfy(r -> assertThat(r.chatFailure()).isEmpty());
        assertThat(keptStateChars()).as("the agent's state keeps no backlog").isLessThan(2_000);
    }

    @Test
    void aPostTheRoomForbidsIsDroppedAndPostsToOtherRoomsGoOn() {
        // roy below the room's events_default (0): Synapse answers 403 M_FORBIDDEN to every post of his there
        String alerts = world.roomIds.get(Rooms.ALERTS);
        world.human(MatrixWorld.ALICE).setPowerLevel(alerts, world.id(ROY), -1);
        Roy roy = new Roy(kit.runtime(world.port(ROY)));

        kit.publishWork("backend", Map.of("id", "REQ-1", "alert", "nobody may read this"));
        TurnReport refused = roy.runTurn();
        kit.publishWork("backend", Map.of("id", "REQ-2", "room", Rooms.GENERAL, "alert", "general news"));
        TurnReport next = roy.runTurn();

        assertThat(refused.chatFailure()).hasValueSatisfying(f -> assertThat(f).contains("M_FORBIDDEN"));
        assertThat(next.chatFailure()).isEmpty();
        assertThat(world.texts(Rooms.ALERTS)).isEmpty();
        assertThat(world.texts(Rooms.GENERAL)).containsExactly("roy: general news");
        assertThat(world.texts(Rooms.BACKEND)).filteredOn(t -> t.startsWith("roy turn roy-")).hasSize(2);
        assertThat(LEAKS.logged("dropped")).as("the drop is logged").isTrue();
        assertThat(keptStateChars()).isLessThan(2_000);
    }

    @Test
    void aRoomThatDoesNotExistYetKeepsItsPostsWhileOtherRoomsGetTheirsAndGetsThemOnceItExists() {
        String opsAlias = "#ops-" + Long.toString(System.nanoTime(), 36) + ":" + SynapseServer.SERVER_NAME;
        Map<String, String> rooms = new HashMap<>(world.aliases);
        rooms.put("ops", opsAlias);
        Roy roy = new Roy(kit.runtime(new MatrixChatPort(world.config(ROY).rooms(rooms).build())));

        kit.publishWork("backend", Map.of("id", "REQ-1", "room", "ops", "alert", "deploy window at 5"));
        kit.publishWork("backend", Map.of("id", "REQ-2", "alert", "REQ-2 needs a decision"));
        TurnReport first = roy.runTurn();
        String opsId = MatrixRooms.provision(world.human(MatrixWorld.ALICE), Map.of("ops", opsAlias),
                List.of(world.id(ROY))).get("ops");
        TurnReport second = roy.runTurn();

        assertThat(first.chatFailure()).hasValueSatisfying(f -> assertThat(f).contains("cannot join room ops"));
        assertThat(world.texts(Rooms.ALERTS)).containsExactly("roy: REQ-2 needs a decision");
        assertThat(world.texts(Rooms.BACKEND)).filteredOn(t -> t.startsWith("roy turn roy-1")).hasSize(1);
        assertThat(second.chatFailure()).isEmpty();
        assertThat(world.human(MatrixWorld.ALICE).messages(opsId, MessagesQuery.latest(10)).chunk())
                .filteredOn(RoomEvent::isMessage).extracting(RoomEvent::body).containsExactly("roy: deploy window at 5");
        assertThat(keptStateChars()).isLessThan(2_000);
    }
}
