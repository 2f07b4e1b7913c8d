package dev.agentkit.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkit.core.chat.ChatMessage;
import dev.agentkit.matrix.client.RoomEvent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Decides whether a room message is addressed to one agent. It is when the message
 * <ul>
 *   <li>mentions the agent's user id in {@code m.mentions.user_ids} (intentional mentions), or</li>
 *   <li>carries a pill, a {@code matrix.to} link to the agent's user id in its HTML body, or</li>
 *   <li>starts with the agent's name or display name as an address: {@code roy: ...}, {@code @roy ...}, or</li>
 *   <li>has no {@code m.mentions} at all (an older client) and names the agent's display name or
 *       name as a word, as Matrix's legacy display-name push rule does.</li>
 * </ul>
 * A message the agent sent itself is never addressed to it.
 */
final class Addressing {
    private final String userId;
    private final String name;
    private final String displayName;
    private final Pattern nameAsWord;

    Addressing(String userId, String name, String displayName) {
        this.userId = userId;
        this.name = name;
        this.displayName = displayName;
        this.nameAsWord = Pattern.compile("(?<![\\w@])@?(" + Pattern.quote(name) + "|" + Pattern.quote(displayName)
                + ")(?!\\w)", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    boolean addressedBy(RoomEvent event) {
        if (event.sender().equals(userId)) {
            return false;
        }
        JsonNode content = event.content();
        JsonNode mentions = content.path("m.mentions");
        for (JsonNode id : mentions.path("user_ids")) {
            if (userId.equals(id.asText())) {
                return true;
            }
        }
        if (hasPill(content.path("formatted_body").asText(""))) {
            return true;
        }
        String body = event.body();
        if (ChatMessage.startsWithAddress(body, name) || ChatMessage.startsWithAddress(body, displayName)) {
            return true;
        }
        return mentions.isMissingNode() && nameAsWord.matcher(body).find();
    }

    private boolean hasPill(String html) {
        return html.contains("matrix.to/#/" + userId)
                || html.contains("matrix.to/#/" + URLEncoder.encode(userId, StandardCharsets.UTF_8));
    }
}
