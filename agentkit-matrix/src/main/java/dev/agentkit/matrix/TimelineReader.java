package dev.agentkit.matrix;

import dev.agentkit.core.internal.message.Json;
import dev.agentkit.matrix.client.MatrixClient;
import dev.agentkit.matrix.client.MessagesPage;
import dev.agentkit.matrix.client.MessagesQuery;
import dev.agentkit.matrix.client.RoomEvent;
import dev.agentkit.matrix.client.RoomTimeline;
import dev.agentkit.matrix.client.SyncResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the room messages after a sync token: one {@code /sync} with a filter scoped to the
 * agent's rooms and to {@code m.room.message}, and, when a room's timeline is {@code limited},
 * the missing messages from {@code /messages} back to the token, so nothing between two reads
 * is lost. Without a token (the first read ever) it takes the rooms' recent timelines as they are.
 */
final class TimelineReader {
    private static final Logger log = LoggerFactory.getLogger(TimelineReader.class);
    private static final int PAGE = 100;
    private static final int MAX_PAGES = 50;
    private static final String MESSAGES_ONLY = Json.writeString(Map.of("types", List.of("m.room.message")));

    /** A room event with the room it came from. */
    record Located(String roomId, RoomEvent event) {
    }

    /** What one read found, oldest first per room, and the token to read from next time. */
    record Read(List<Located> events, String nextBatch) {
    }

    private final int timelineLimit;
    private final Duration timeout;

    TimelineReader(int timelineLimit, Duration timeout) {
        this.timelineLimit = timelineLimit;
        this.timeout = timeout;
    }

    Read read(MatrixClient client, String since, Collection<String> roomIds) {
        SyncResult sync = client.sync(since, filter(roomIds), since == null ? Duration.ZERO : timeout);
        List<Located> found = new ArrayList<>();
        for (Map.Entry<String, RoomTimeline> room : sync.joined().entrySet()) {
            if (!roomIds.contains(room.getKey())) {
                continue;
            }
            RoomTimeline t = room.getValue();
            List<RoomEvent> events = new ArrayList<>();
            if (t.limited() && since != null && t.prevBatch() != null) {
                events.addAll(backfill(client, room.getKey(), t.prevBatch(), since));
            }
            events.addAll(t.events());
            Set<String> seen = new HashSet<>();
            events.stream().filter(RoomEvent::isMessage).filter(e -> seen.add(e.eventId()))
                    .forEach(e -> found.add(new Located(room.getKey(), e)));
        }
        found.sort(Comparator.comparing(l -> l.event().sentAt()));
        return new Read(found, sync.nextBatch());
    }

    /** The messages between {@code since} and {@code prevBatch}, oldest first. */
    private List<RoomEvent> backfill(MatrixClient client, String roomId, String prevBatch, String since) {
        List<RoomEvent> older = new ArrayList<>();
        String from = prevBatch;
        for (int page = 0; page < MAX_PAGES; page++) {
            MessagesPage p = client.messages(roomId, MessagesQuery.back(from, since, PAGE, MESSAGES_ONLY));
            older.addAll(p.chunk());
            if (p.exhausted() || p.end().equals(from)) {
                log.debug("backfilled {} messages of {}", older.size(), roomId);
                return reversed(older);
            }
            from = p.end();
        }
        log.warn("backfill of {} stopped after {} pages; older messages of this gap are skipped", roomId, MAX_PAGES);
        return reversed(older);
    }

    private static List<RoomEvent> reversed(List<RoomEvent> newestFirst) {
        List<RoomEvent> r = new ArrayList<>(newestFirst);
        Collections.reverse(r);
        return r;
    }

    private String filter(Collection<String> roomIds) {
        Map<String, Object> none = Map.of("types", List.of());
        Map<String, Object> room = Map.of(
                "rooms", List.copyOf(roomIds),
                "timeline", Map.of("limit", timelineLimit, "types", List.of("m.room.message")),
                "state", none, "ephemeral", none, "account_data", none);
        return Json.writeString(Map.of("room", room, "presence", none, "account_data", none));
    }
}
