package dev.agentkit.matrix;

import dev.agentkit.matrix.client.MatrixClient;
import dev.agentkit.matrix.client.MatrixClientConfig;
import dev.agentkit.matrix.client.MessagesQuery;
import dev.agentkit.matrix.client.RoomEvent;
import dev.agentkit.matrix.client.Secret;
import dev.agentkit.testing.matrix.SynapseServer;
import dev.agentkit.testing.matrix.SynapseUser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fresh team world on the shared test Synapse: rooms with unique aliases created by the
 * commander alice (room admin), agents roy and jen invited, the stranger mallory joined.
 * Humans act through clients on their registration tokens.
 */
final class MatrixWorld {
    static final String ROY = "roy";
    static final String JEN = "jen";
    static final String ALICE = "alice";
    static final String MALLORY = "mallory";
    private static final AtomicInteger WORLDS = new AtomicInteger();
    private static final AtomicInteger TXNS = new AtomicInteger();

    final SynapseServer synapse;
    final Map<String, String> aliases = new LinkedHashMap<>();
    final Map<String, String> roomIds;
    private final Map<String, MatrixClient> humans = new HashMap<>();

    MatrixWorld(SynapseServer synapse, TokenLeakCheck leaks, String... logicalRooms) {
        this.synapse = synapse;
        String suffix = "w" + WORLDS.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
        for (String r : logicalRooms) {
            aliases.put(r, "#" + r + "-" + suffix + ":" + SynapseServer.SERVER_NAME);
        }
        for (String u : List.of(ROY, JEN, ALICE, MALLORY)) {
            leaks.watch(synapse.user(u).accessToken());
            leaks.watch(synapse.user(u).password());
        }
        roomIds = MatrixRooms.provision(human(ALICE), aliases,
                List.of(id(ROY), id(JEN), id(MALLORY)));
        roomIds.values().forEach(human(MALLORY)::join);
    }

    String id(String localpart) {
        return synapse.userId(localpart);
    }

    /** A client acting as the human (or any user) {@code localpart}, on its registration token. */
    MatrixClient human(String localpart) {
        return humans.computeIfAbsent(localpart, u -> MatrixClient.withAccessToken(
                MatrixClientConfig.of(synapse.baseUrl()), Secret.of(synapse.user(u).accessToken())));
    }

    /** The config of agent {@code agent}: both agents known, alice allow-listed, this world's rooms. */
    MatrixChatConfig.Builder config(String agent) {
        SynapseUser user = synapse.user(agent);
        return MatrixChatConfig.builder(synapse.baseUrl(), agent, Secret.of(user.password()))
                .agentAccounts(List.of(id(ROY), id(JEN))).commanders(List.of(id(ALICE))).rooms(aliases);
    }

    MatrixChatPort port(String agent) {
        return new MatrixChatPort(config(agent).build());
    }

    String say(String human, String room, String text) {
        return human(human).sendText(roomIds.get(room), text, "test-" + TXNS.incrementAndGet());
    }

    String mention(String human, String room, String agent, String text) {
        String pill = "<a href=\"https://matrix.to/#/" + id(agent) + "\">" + agent + "</a>";
        return human(human).send(roomIds.get(room), Map.of("msgtype", "m.text", "body", text,
                "format", "org.matrix.custom.html", "formatted_body", pill + ": " + text,
                "m.mentions", Map.of("user_ids", List.of(id(agent)))), "test-" + TXNS.incrementAndGet());
    }

    /** The text messages of a room, oldest first, as alice sees them. */
    List<RoomEvent> history(String room) {
        List<RoomEvent> events = new ArrayList<>(human(ALICE).messages(roomIds.get(room), MessagesQuery.latest(200))
                .chunk().stream().filter(RoomEvent::isMessage).toList());
        Collections.reverse(events);
        return events;
    }

    List<String> texts(String room) {
        return history(room).stream().map(RoomEvent::body).toList();
    }
}
