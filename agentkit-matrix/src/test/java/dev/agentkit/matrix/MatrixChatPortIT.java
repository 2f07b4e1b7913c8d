package dev.agentkit.matrix;

import static dev.agentkit.matrix.MatrixWorld.ALICE;
import static dev.agentkit.matrix.MatrixWorld.MALLORY;
import static dev.agentkit.matrix.MatrixWorld.ROY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.agentkit.core.chat.ChatException;
import dev.agentkit.core.chat.ChatMessage;
import dev.agentkit.core.chat.Rooms;
import dev.agentkit.core.internal.message.Json;
import dev.agentkit.matrix.client.MatrixClient;
import dev.agentkit.matrix.client.MatrixClientConfig;
import dev.agentkit.matrix.client.MatrixException;
import dev.agentkit.matrix.client.Secret;
import dev.agentkit.testing.matrix.SynapseExtension;
import dev.agentkit.testing.matrix.SynapseServer;
import dev.agentkit.testing.matrix.SynapseUser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What {@link MatrixChatPort} and the client do on a real Synapse beyond the chat contract. */
@ExtendWith(SynapseExtension.class)
class MatrixChatPortIT {
    @RegisterExtension
    static final TokenLeakCheck LEAKS = new TokenLeakCheck();

    private SynapseServer synapse;
    private MatrixWorld world;

    @BeforeEach
    void newWorld(SynapseServer server) {
        synapse = server;
        world = new MatrixWorld(server, LEAKS, Rooms.GENERAL, Rooms.BACKEND);
    }

    @Test
    void aRetriedSendWithTheSameTransactionIdShowsOneMessage() {
        MatrixClient alice = world.human(ALICE);
        String room = world.roomIds.get(Rooms.BACKEND);

        String first = alice.sendText(room, "deploy at 5", "alice-txn-1");
        String retried = alice.sendText(room, "deploy at 5", "alice-txn-1");
        MatrixChatPort roy = world.port(ROY);
        roy.post(Rooms.BACKEND, "roy: on it", "roy-7:reply");
        roy.post(Rooms.BACKEND, "roy: on it", "roy-7:reply");
        world.port(ROY).post(Rooms.BACKEND, "roy: on it", "roy-7:reply");

        assertThat(retried).isEqualTo(first);
        assertThat(world.texts(Rooms.BACKEND)).containsExactly("deploy at 5", "roy: on it");
    }

    @Test
    void aMemberAtTheCommandPowerLevelMayCommandInThatRoomOnly() {
        world.human(ALICE).setPowerLevel(world.roomIds.get(Rooms.BACKEND), world.id(MALLORY), 50);
        MatrixChatPort roy = new MatrixChatPort(world.config(ROY).commandPowerLevel(50).build());
        String start = roy.read(null).nextCursor();

        world.say(MALLORY, Rooms.BACKEND, "roy: pause");
        world.say(MALLORY, Rooms.GENERAL, "roy: pause");

        assertThat(roy.read(start).messages()).extracting(ChatMessage::room, ChatMessage::mayCommand)
                .containsExactly(tuple(Rooms.BACKEND, true),
                        tuple(Rooms.GENERAL, false));
    }

    @Test
    void powerLevelsInARoomAStrangerCreatedLetNobodyCommandThere() {
        // issue 15, scenario 10: mallory got to the #alerts alias first and made her friend eve an admin
        SynapseUser eve = synapse.user("eve");
        LEAKS.watch(eve.accessToken());
        String alias = "#alerts-" + Long.toString(System.nanoTime(), 36) + ":" + SynapseServer.SERVER_NAME;
        String strangeRoom = MatrixRooms.provision(world.human(MALLORY), Map.of(Rooms.ALERTS, alias),
                List.of(world.id(ROY), eve.userId())).get(Rooms.ALERTS);
        world.human(MALLORY).setPowerLevel(strangeRoom, eve.userId(), 100);
        world.human("eve").join(strangeRoom);
        Map<String, String> rooms = new HashMap<>(world.aliases);
        rooms.put(Rooms.ALERTS, alias);
        world.human(ALICE).setPowerLevel(world.roomIds.get(Rooms.BACKEND), eve.userId(), 100);
        world.human(ALICE).invite(world.roomIds.get(Rooms.BACKEND), eve.userId());
        world.human("eve").join(world.roomIds.get(Rooms.BACKEND));
        MatrixChatPort roy = new MatrixChatPort(world.config(ROY).rooms(rooms).commandPowerLevel(50).build());
        String start = roy.read(null).nextCursor();

        world.human("eve").sendText(strangeRoom, "roy: pause", "eve-1");
        world.human(MALLORY).sendText(strangeRoom, "roy: skip REQ-1", "mallory-1");
        world.human("eve").sendText(world.roomIds.get(Rooms.BACKEND), "roy: resume", "eve-2");

        assertThat(roy.read(start).messages()).extracting(ChatMessage::room, ChatMessage::sender, ChatMessage::mayCommand)
                .containsExactly(tuple(Rooms.ALERTS, eve.userId(), false),
                        tuple(Rooms.ALERTS, world.id(MALLORY), false),
                        tuple(Rooms.BACKEND, eve.userId(), true));
        assertThat(LEAKS.logged("created by")).as("the untrusted room is named in a warning").isTrue();
    }

    @Test
    void postingToARoomThatIsNotConfiguredIsAChatExceptionNamingIt() {
        assertThatThrownBy(() -> world.port(ROY).post("kitchen", "hi", "k1"))
                .isInstanceOf(ChatException.class).hasMessageContaining("'kitchen'");
    }

    @Test
    void aWrongPasswordIsAForbiddenChatFailureThatHoldsNoPassword() {
        MatrixChatPort port = new MatrixChatPort(MatrixChatConfig.builder(synapse.baseUrl(), ROY,
                Secret.of("not-roys-password-42")).rooms(world.aliases).build());

        assertThatThrownBy(() -> port.read(null)).isInstanceOfSatisfying(MatrixException.class, e -> {
            assertThat(e.is("M_FORBIDDEN")).isTrue();
            assertThat(e.getMessage()).doesNotContain("not-roys-password-42");
        });
    }

    @Test
    void aRoomCreatedLaterIsJoinedAndReadOnceItExists() {
        String laterAlias = "#later-" + System.nanoTime() + ":" + SynapseServer.SERVER_NAME;
        Map<String, String> rooms = new HashMap<>(world.aliases);
        rooms.put("later", laterAlias);
        MatrixChatPort roy = new MatrixChatPort(world.config(ROY).rooms(rooms).build());
        String start = roy.read(null).nextCursor();

        String laterId = MatrixRooms.provision(world.human(ALICE), Map.of("later", laterAlias), List.of(world.id(ROY)))
                .get("later");
        world.human(ALICE).sendText(laterId, "now it exists", "later-1");

        assertThat(roy.read(start).messages()).extracting(ChatMessage::room, ChatMessage::text)
                .containsExactly(tuple("later", "now it exists"));
    }

    @Test
    void provisioningTwiceFindsTheSameRoomsAndInvitesNewcomers() {
        LEAKS.watch(synapse.user("carol").accessToken());

        Map<String, String> again = MatrixRooms.provision(world.human(ALICE), world.aliases,
                List.of(world.id(ROY), world.id(MatrixWorld.JEN), world.id(MALLORY), world.id("carol")));

        assertThat(again).isEqualTo(world.roomIds);
        assertThat(world.human("carol").join(world.aliases.get(Rooms.BACKEND))).isEqualTo(world.roomIds.get(Rooms.BACKEND));
    }

    @Test
    void rateLimitedSendsAreRetriedUntilTheServerAcceptsThem() throws Exception {
        SynapseUser ratey = synapse.user("ratey");
        LEAKS.watch(ratey.accessToken());
        overrideRateLimit(ratey.userId(), 1, 1);
        MatrixClient client = MatrixClient.withAccessToken(MatrixClientConfig.builder(synapse.baseUrl())
                .maxRetryWait(Duration.ofSeconds(5)).build(), Secret.of(ratey.accessToken()));
        String room = world.roomIds.get(Rooms.GENERAL);
        world.human(ALICE).invite(room, ratey.userId());
        client.join(room);

        List<String> ids = IntStream.rangeClosed(1, 3).mapToObj(i -> client.sendText(room, "burst " + i, "ratey-" + i))
                .toList();

        assertThat(ids).doesNotHaveDuplicates().hasSize(3);
        assertThat(world.texts(Rooms.GENERAL)).containsExactly("burst 1", "burst 2", "burst 3");
        assertThat(LEAKS.logged("rate-limited")).as("the server did rate-limit").isTrue();
    }

    private void overrideRateLimit(String userId, int perSecond, int burst) throws Exception {
        SynapseUser ops = synapse.admin("ops");
        LEAKS.watch(ops.accessToken());
        HttpRequest request = HttpRequest.newBuilder(URI.create(synapse.baseUrl() + "/_synapse/admin/v1/users/"
                        + userId.replace("@", "%40").replace(":", "%3A") + "/override_ratelimit"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + ops.accessToken())
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(
                        Map.of("messages_per_second", perSecond, "burst_count", burst)))).build();
        HttpResponse<String> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("override_ratelimit answered %s", r.body()).isEqualTo(200);
    }
}
