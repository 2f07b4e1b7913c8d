package dev.agentkit.matrix;

import dev.agentkit.core.chat.ChatBatch;
import dev.agentkit.core.chat.ChatException;
import dev.agentkit.core.chat.ChatLimits;
import dev.agentkit.core.chat.ChatMessage;
import dev.agentkit.core.chat.ChatPort;
import dev.agentkit.matrix.client.MatrixClient;
import dev.agentkit.matrix.client.MatrixException;
import dev.agentkit.matrix.client.PasswordLogin;
import dev.agentkit.matrix.client.PowerLevels;
import dev.agentkit.matrix.client.RoomCreation;
import dev.agentkit.matrix.client.RoomEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent's seat in the team's Matrix rooms: a {@link ChatPort} over the Client-Server API.
 * Made from a {@link MatrixChatConfig} per agent account and passed to the agent's
 * {@code AgentRuntime}; it logs in (on a fixed device) at its first use, not when made, so an
 * agent starts while the homeserver is down.
 *
 * <p><b>Reading.</b> The cursor is a sync token ({@code next_batch}); the turn cycle keeps it in
 * the agent's state, so a restarted agent goes on where it stopped: no message missed, none
 * replayed. A sync whose room timeline is {@code limited} is completed from {@code /messages}.
 * The first read ever ({@code null} cursor) is an initial sync: it returns the recent timeline
 * of each room (at most {@code timelineLimit} messages per room), so a human who spoke before the
 * agent first ran is heard, but older history is not replayed. Rooms are joined by alias on
 * first use; a room that does not exist yet is skipped until it does ({@link MatrixRooms} creates
 * them). The port returns every text message, the agent's own included.
 *
 * <p><b>Judging.</b> A sender is human when it is not one of the configured agent accounts (exact
 * user ids). "Addressed to me" is described in {@link Addressing}. A sender may command agents
 * when it is on the allow-list, or its power level in that room reaches the configured threshold
 * and the room was created by the team (an agent account or a commander): power levels in a room
 * someone else created count for nothing ({@link CommandPolicy}).
 *
 * <p><b>Posting.</b> The idempotency key becomes the transaction id (a hash of it), so a post
 * retried with the same key, even after a restart on the same device, shows one message. A text
 * over {@link ChatLimits#MAX_POST_BYTES} is cut to fit, with a marker.
 *
 * <p>Failures are {@code MatrixException}s (a {@code ChatException}) whose
 * {@linkplain ChatException#kind() kind} says whether trying again can help
 * ({@link MatrixException#kindOf}); none carries the token.
 * One turn at a time uses a port; it is safe to share across threads nonetheless.
 */
public final class MatrixChatPort implements ChatPort {
    private static final Logger log = LoggerFactory.getLogger(MatrixChatPort.class);

    private final MatrixChatConfig config;
    private final RoomDirectory rooms;
    private final TimelineReader timeline;
    private final Addressing addressing;
    private final CommandPolicy policy;
    private final Map<String, RoomCreation> creations = new ConcurrentHashMap<>();
    private volatile MatrixClient client;

    /** A port for the agent of {@code config}; does not contact the server yet. */
    public MatrixChatPort(MatrixChatConfig config) {
        this.config = config;
        this.rooms = new RoomDirectory(config.agentName(), config.rooms());
        this.timeline = new TimelineReader(config.timelineLimit(), config.syncTimeout());
        this.addressing = new Addressing(config.userId(), config.agentName(), config.displayName());
        Set<String> trusted = new HashSet<>(config.agentAccounts());
        trusted.addAll(config.commanders());
        this.policy = new CommandPolicy(config.commanders(), config.commandPowerLevel(), trusted);
    }

    @Override
    public ChatBatch read(String cursor) {
        MatrixClient c = client();
        List<String> roomIds = rooms.joinAll(c);
        TimelineReader.Read read = timeline.read(c, cursor, roomIds);
        Map<String, PowerLevels> levels = new HashMap<>();
        List<ChatMessage> messages = new ArrayList<>();
        for (TimelineReader.Located l : read.events()) {
            messages.add(judge(c, l.roomId(), l.event(), levels));
        }
        log.debug("{} read {} messages", config.agentName(), messages.size());
        return new ChatBatch(messages, read.nextBatch());
    }

    private ChatMessage judge(MatrixClient c, String roomId, RoomEvent e, Map<String, PowerLevels> levels) {
        String room = rooms.logicalName(roomId).orElse(roomId);
        boolean human = !config.agentAccounts().contains(e.sender());
        boolean mayCommand = human && policy.mayCommand(e.sender(), roomId,
                id -> creations.computeIfAbsent(id, c::roomCreation), id -> levels.computeIfAbsent(id, c::powerLevels));
        if (human && !mayCommand) {
            log.debug("{} read a message in {} from {}, who may not command agents", config.agentName(), room,
                    e.sender());
        }
        return new ChatMessage(e.eventId(), room, e.sender(), e.body(), e.sentAt(), human,
                addressing.addressedBy(e), mayCommand);
    }

    /**
     * {@inheritDoc} A text longer than {@link ChatLimits#MAX_POST_BYTES} is cut to fit
     * ({@link ChatLimits#fit}). A room that cannot be joined (it does not exist yet, or the agent
     * is not invited) fails as {@link ChatException.Kind#ROOM_UNAVAILABLE}; a room that is not
     * configured, and a post Synapse refuses ({@code 403}, {@code 413}...), as
     * {@link ChatException.Kind#REFUSED}.
     */
    @Override
    public void post(String room, String text, String idempotencyKey) {
        MatrixClient c = client();
        String roomId = roomForPost(c, room);
        String eventId = c.send(roomId, Map.of("msgtype", "m.text", "body", ChatLimits.fit(text),
                "m.mentions", Map.of()), transactionId(idempotencyKey));
        log.debug("{} posted {} to {}", config.agentName(), eventId, room);
    }

    private String roomForPost(MatrixClient c, String room) {
        try {
            return rooms.idFor(c, room);
        } catch (MatrixException e) {
            throw e.isPermanent()
                    ? e.as(ChatException.Kind.ROOM_UNAVAILABLE, config.agentName() + " cannot join room " + room + " now")
                    : e;
        }
    }

    /** The transaction id for an idempotency key: stable, URL-safe, and not revealing the key. */
    static String transactionId(String idempotencyKey) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
            return "agentkit." + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The user ids this port counts as agents. */
    public Set<String> agentAccounts() {
        return config.agentAccounts();
    }

    private MatrixClient client() {
        MatrixClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = MatrixClient.login(config.client(), new PasswordLogin(config.userId(), config.password(),
                            config.deviceId(), "agentkit " + config.agentName()));
                    client = c;
                    log.debug("{} logged in as {}", config.agentName(), config.userId());
                }
            }
        }
        return c;
    }

    @Override
    public String toString() {
        return "MatrixChatPort[" + config.userId() + "]";
    }
}
