package dev.agentkit.matrix.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The new events of one joined room in a sync answer.
 *
 * @param events    the events, oldest first
 * @param limited   whether the server left out older events; fetch them with {@code messages}
 * @param prevBatch the token to page back from when {@code limited}, or null
 */
public record RoomTimeline(List<RoomEvent> events, boolean limited, String prevBatch) {
    public RoomTimeline {
        events = List.copyOf(events);
    }

    static RoomTimeline from(JsonNode timeline) {
        List<RoomEvent> events = new ArrayList<>();
        timeline.path("events").forEach(e -> events.add(RoomEvent.from(e)));
        return new RoomTimeline(events, timeline.path("limited").asBoolean(false),
                timeline.path("prev_batch").asText(null));
    }
}
