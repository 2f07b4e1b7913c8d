package dev.agentkit.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkit.core.chat.ChatMessage;
import dev.agentkit.core.internal.message.Json;
import dev.agentkit.matrix.client.RoomEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AddressingTest {
    private final Addressing roy = new Addressing("@roy:localhost", "roy", "Roy Trenneman");

    private static RoomEvent from(String sender, Map<String, ?> content) {
        JsonNode node = Json.mapper().valueToTree(content);
        return new RoomEvent("$1", "m.room.message", sender, Instant.EPOCH, node);
    }

    private static RoomEvent text(String body) {
        return from("@alice:localhost", Map.of("msgtype", "m.text", "body", body));
    }

    @Test
    void anIntentionalMentionOfTheUserIdAddresses() {
        assertThat(roy.addressedBy(from("@alice:localhost", Map.of("body", "look at this",
                "m.mentions", Map.of("user_ids", List.of("@roy:localhost")))))).isTrue();
    }

    @Test
    void anIntentionalMentionOfSomeoneElseDoesNotEvenIfTheNameAppears() {
        assertThat(roy.addressedBy(from("@alice:localhost", Map.of("body", "jen, ask roy",
                "m.mentions", Map.of("user_ids", List.of("@jen:localhost")))))).isFalse();
    }

    @Test
    void aPillInTheHtmlBodyAddresses() {
        assertThat(roy.addressedBy(from("@alice:localhost", Map.of("body", "Roy Trenneman: hi", "m.mentions", Map.of(),
                "formatted_body", "<a href=\"https://matrix.to/#/@roy:localhost\">Roy</a>: hi")))).isTrue();
        assertThat(roy.addressedBy(from("@alice:localhost", Map.of("body", "x", "m.mentions", Map.of(),
                "formatted_body", "<a href=\"https://matrix.to/#/%40roy%3Alocalhost\">Roy</a>")))).isTrue();
    }

    @Test
    void aLeadingNameAddressesWhateverTheMentions() {
        assertThat(roy.addressedBy(from("@alice:localhost", Map.of("body", "roy: pause", "m.mentions", Map.of()))))
                .isTrue();
        assertThat(roy.addressedBy(text("@roy status"))).isTrue();
        assertThat(roy.addressedBy(text("Roy, help"))).isTrue();
        assertThat(roy.addressedBy(text("Roy Trenneman: help"))).isTrue();
    }

    @Test
    void aPlainMessageFromAnOlderClientAddressesWhenItNamesTheAgentAsAWord() {
        assertThat(roy.addressedBy(text("can roy look at it?"))).isTrue();
        assertThat(roy.addressedBy(text("royalties are due"))).isFalse();
        assertThat(roy.addressedBy(text("good morning"))).isFalse();
    }

    @Test
    void aMessageWithEmptyMentionsDoesNotFallBackToNameMatching() {
        assertThat(roy.addressedBy(from("@alice:localhost", Map.of("body", "can roy look at it?",
                "m.mentions", Map.of())))).isFalse();
    }

    @Test
    void theAgentsOwnMessageIsNeverAddressedToIt() {
        assertThat(roy.addressedBy(from("@roy:localhost", Map.of("body", "roy: paused",
                "m.mentions", Map.of("user_ids", List.of("@roy:localhost")))))).isFalse();
    }

    @Test
    void aLeadingAddressFollowsTheCoreRule() {
        assertThat(ChatMessage.startsWithAddress("roy", "roy")).isTrue();
        assertThat(ChatMessage.startsWithAddress("  ROY: x", "roy")).isTrue();
        assertThat(ChatMessage.startsWithAddress("royal: x", "roy")).isFalse();
    }
}
