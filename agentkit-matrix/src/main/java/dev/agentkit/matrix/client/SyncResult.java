package dev.agentkit.matrix.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code /sync} answered: the token for the next sync, the timelines of joined rooms, and
 * the rooms the user is invited to.
 *
 * @param nextBatch the {@code since} of the next sync
 * @param joined    timelines by room id, for rooms with news
 * @param invitedTo room ids with a pending invite
 */
public record SyncResult(String nextBatch, Map<String, RoomTimeline> joined, Set<String> invitedTo) {
    public SyncResult {
        joined = Map.copyOf(joined);
        invitedTo = Set.copyOf(invitedTo);
    }

    static SyncResult from(JsonNode sync) {
        Map<String, RoomTimeline> joined = new LinkedHashMap<>();
        sync.path("rooms").path("join").fields()
                .forEachRemaining(e -> joined.put(e.getKey(), RoomTimeline.from(e.getValue().path("timeline"))));
        Set<String> invited = new TreeSet<>();
        sync.path("rooms").path("invite").fieldNames().forEachRemaining(invited::add);
        return new SyncResult(sync.path("next_batch").asText(), joined, invited);
    }
}
