package dev.agentkit.matrix.client;

import static dev.agentkit.matrix.client.MatrixHttp.CLIENT_V3;
import static dev.agentkit.matrix.client.MatrixHttp.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentkit.core.internal.message.Json;
import dev.agentkit.matrix.client.MatrixHttp.Call;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A Matrix Client-Server API (v3) client for one account: rooms, messages with transaction ids,
 * sync and history, members, power levels and room creators. Made by {@link #login} or {@link #withAccessToken};
 * thread-safe. Every call has a timeout; rate limits are retried within the configured bound;
 * failures are {@link MatrixException}s without the access token. Used by {@code MatrixChatPort},
 * {@code MatrixRooms} and integration tests.
 */
public final class MatrixClient {
    private final MatrixHttp http;
    private volatile String userId;
    private volatile String deviceId;

    private MatrixClient(MatrixHttp http) {
        this.http = http;
    }

    /**
     * Logs in with a password on a fixed device; logs in again by itself if the server later
     * forgets the token.
     *
     * @throws MatrixException e.g. {@code M_FORBIDDEN} for a wrong password, always of kind
     *     {@link dev.agentkit.core.chat.ChatException.Kind#UNAVAILABLE}: an account that cannot log in
     *     refuses no post for good
     */
    public static MatrixClient login(MatrixClientConfig config, PasswordLogin login) {
        MatrixClient client = new MatrixClient(new MatrixHttp(config));
        client.http.authenticate(client.passwordLogin(login), () -> client.passwordLogin(login));
        return client;
    }

    /** A client that uses an access token obtained elsewhere (registration, another login). */
    public static MatrixClient withAccessToken(MatrixClientConfig config, Secret accessToken) {
        MatrixClient client = new MatrixClient(new MatrixHttp(config));
        client.http.authenticate(accessToken, null);
        return client;
    }

    private Secret passwordLogin(PasswordLogin login) {
        Map<String, Object> body = Map.of("type", "m.login.password",
                "identifier", Map.of("type", "m.id.user", "user", login.user()),
                "password", login.password().reveal(),
                "device_id", login.deviceId(),
                "initial_device_display_name", login.deviceName());
        JsonNode r;
        try {
            r = http.call(Call.of("POST", CLIENT_V3 + "/login", body).unauthenticated());
        } catch (MatrixException e) {
            // a refused login (a wrong or changed password) refuses no post: the posts wait until the account can log in
            throw e.isPermanent() ? e.as(MatrixException.Kind.UNAVAILABLE, "cannot log in as " + login.user()) : e;
        }
        userId = r.path("user_id").asText();
        deviceId = r.path("device_id").asText();
        return Secret.of(r.path("access_token").asText());
    }

    /** The account's user id, e.g. {@code @roy:localhost} (asks the server once if not logged in here). */
    public String userId() {
        if (userId == null) {
            whoami();
        }
        return userId;
    }

    /** The device id, if known from the login or a {@link #whoami()}. */
    public Optional<String> deviceId() {
        return Optional.ofNullable(deviceId);
    }

    /** Asks the server who the token belongs to; returns the user id. */
    public String whoami() {
        JsonNode r = http.call(Call.of("GET", CLIENT_V3 + "/account/whoami", null));
        userId = r.path("user_id").asText();
        if (r.hasNonNull("device_id")) {
            deviceId = r.get("device_id").asText();
        }
        return userId;
    }

    /**
     * Creates a room and returns its id.
     *
     * @throws MatrixException {@code M_ROOM_IN_USE} when the alias is taken
     */
    public String createRoom(CreateRoom room) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("preset", room.preset());
        if (room.aliasLocalpart() != null) {
            body.put("room_alias_name", room.aliasLocalpart());
        }
        if (room.name() != null) {
            body.put("name", room.name());
        }
        if (room.topic() != null) {
            body.put("topic", room.topic());
        }
        body.put("invite", room.invite());
        return http.call(Call.of("POST", CLIENT_V3 + "/createRoom", body)).path("room_id").asText();
    }

    /** Joins a room by id or alias (harmless when already joined) and returns its id. */
    public String join(String roomIdOrAlias) {
        return http.call(Call.of("POST", CLIENT_V3 + "/join/" + segment(roomIdOrAlias), Map.of()))
                .path("room_id").asText();
    }

    /** The room id of {@code alias} ({@code #backend:localhost}), or empty if no room has it. */
    public Optional<String> resolveAlias(String alias) {
        try {
            return Optional.of(http.call(Call.of("GET", CLIENT_V3 + "/directory/room/" + segment(alias), null))
                    .path("room_id").asText());
        } catch (MatrixException e) {
            if (e.is("M_NOT_FOUND")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Invites {@code user} to {@code roomId}. */
    public void invite(String roomId, String user) {
        http.call(Call.of("POST", CLIENT_V3 + "/rooms/" + segment(roomId) + "/invite", Map.of("user_id", user)));
    }

    /**
     * Sends an {@code m.room.message} with {@code content}; a repeat with the same {@code txnId}
     * from the same device returns the first event id and posts nothing new.
     */
    public String send(String roomId, Map<String, ?> content, String txnId) {
        return http.call(Call.of("PUT", CLIENT_V3 + "/rooms/" + segment(roomId) + "/send/m.room.message/"
                + segment(txnId), content)).path("event_id").asText();
    }

    /** Sends plain text ({@code m.text}); see {@link #send}. */
    public String sendText(String roomId, String text, String txnId) {
        return send(roomId, Map.of("msgtype", "m.text", "body", text), txnId);
    }

    /**
     * One {@code /sync}: news since {@code since} (null: an initial sync), narrowed by
     * {@code filter} (filter JSON, or null), long-polling up to {@code timeout} when there is none.
     */
    public SyncResult sync(String since, String filter, Duration timeout) {
        Map<String, String> q = new TreeMap<>();
        q.put("since", since);
        q.put("filter", filter);
        q.put("timeout", Long.toString(timeout.toMillis()));
        q.put("set_presence", "offline");
        return SyncResult.from(http.call(Call.of("GET", CLIENT_V3 + "/sync", null).withQuery(q).waitingUpTo(timeout)));
    }

    /** One page of a room's history. */
    public MessagesPage messages(String roomId, MessagesQuery query) {
        Map<String, String> q = new TreeMap<>();
        q.put("from", query.from());
        q.put("to", query.to());
        q.put("dir", query.backwards() ? "b" : "f");
        q.put("limit", Integer.toString(query.limit()));
        q.put("filter", query.filter());
        return MessagesPage.from(http.call(Call.of("GET", CLIENT_V3 + "/rooms/" + segment(roomId) + "/messages", null)
                .withQuery(q)));
    }

    /** The joined members of a room: user id to display name (the user id when none is set). */
    public Map<String, String> joinedMembers(String roomId) {
        JsonNode r = http.call(Call.of("GET", CLIENT_V3 + "/rooms/" + segment(roomId) + "/joined_members", null));
        Map<String, String> members = new TreeMap<>();
        r.path("joined").fields().forEachRemaining(e ->
                members.put(e.getKey(), e.getValue().path("display_name").asText(e.getKey())));
        return members;
    }

    /** The room's power levels for users. */
    public PowerLevels powerLevels(String roomId) {
        return PowerLevels.from(powerLevelsContent(roomId));
    }

    /** Who created the room, from its {@code m.room.create} state event. */
    public RoomCreation roomCreation(String roomId) {
        return RoomCreation.from(http.call(Call.of("GET", CLIENT_V3 + "/rooms/" + segment(roomId)
                + "/state/m.room.create/", null).withQuery(Map.of("format", "event"))));
    }

    /** Sets one user's power level in a room, keeping the rest of the power levels as they are. */
    public void setPowerLevel(String roomId, String user, int level) {
        ObjectNode content = (ObjectNode) powerLevelsContent(roomId);
        content.withObjectProperty("users").put(user, level);
        http.call(Call.of("PUT", powerLevelsPath(roomId), content));
    }

    /** The rooms this account has joined. */
    public List<String> joinedRooms() {
        JsonNode r = http.call(Call.of("GET", CLIENT_V3 + "/joined_rooms", null));
        return Json.mapper().convertValue(r.path("joined_rooms"), Json.mapper().getTypeFactory()
                .constructCollectionType(List.class, String.class));
    }

    private JsonNode powerLevelsContent(String roomId) {
        return http.call(Call.of("GET", powerLevelsPath(roomId), null));
    }

    private static String powerLevelsPath(String roomId) {
        return CLIENT_V3 + "/rooms/" + segment(roomId) + "/state/m.room.power_levels/";
    }

    @Override
    public String toString() {
        return "MatrixClient[" + (userId == null ? "?" : userId) + "]";
    }
}
