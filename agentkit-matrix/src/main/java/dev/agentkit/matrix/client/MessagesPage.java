package dev.agentkit.matrix.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of room history from {@code /rooms/{roomId}/messages}.
 *
 * @param chunk the events in the direction asked for (newest first when paging backwards)
 * @param start the token the page started at
 * @param end   the token to continue from, or null when there is no more history
 */
public record MessagesPage(List<RoomEvent> chunk, String start, String end) {
    public MessagesPage {
        chunk = List.copyOf(chunk);
    }

    static MessagesPage from(JsonNode page) {
        List<RoomEvent> events = new ArrayList<>();
        page.path("chunk").forEach(e -> events.add(RoomEvent.from(e)));
        return new MessagesPage(events, page.path("start").asText(null), page.path("end").asText(null));
    }

    /** Whether the history ends here. */
    public boolean exhausted() {
        return end == null || chunk.isEmpty();
    }
}
