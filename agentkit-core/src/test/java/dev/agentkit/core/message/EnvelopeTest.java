package dev.agentkit.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvelopeTest {
    @Test
    void theIdComesFromTheMessageIdHeaderFirst() {
        Envelope e = Envelope.ofJson(Map.of("id", "REQ-1")).withMessageId("header-id");
        assertThat(e.id()).contains("header-id");
    }

    @Test
    void theIdFallsBackToTheBodysIdField() {
        assertThat(Envelope.ofJson(Map.of("id", "REQ-1")).id()).contains("REQ-1");
        assertThat(Envelope.ofJson(Map.of("id", 42)).id()).contains("42");
    }

    @Test
    void aBodyWithoutIdOrNotJsonHasNoId() {
        assertThat(Envelope.ofJson(Map.of("title", "x")).id()).isEmpty();
        assertThat(Envelope.ofText("plain text").id()).isEmpty();
        assertThat(Envelope.ofJson(Map.of("id", Map.of("nested", 1))).id()).isEmpty();
    }

    @Test
    void plainJsonFromAnyClientIsAccepted() {
        Envelope e = Envelope.of("{\"id\":\"REQ-001\",\"title\":\"Add login\"}".getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(e.json().path("title").asText()).isEqualTo("Add login");
        assertThat(e.id()).contains("REQ-001");
    }

    @Test
    void aBodyThatIsNotJsonIsPoison() {
        assertThatThrownBy(() -> Envelope.ofText("{oops").json())
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("{oops");
    }

    @Test
    void bindingToAMismatchedTypeIsPoison() {
        record Req(String id, int priority) {
        }
        assertThatThrownBy(() -> Envelope.ofJson(Map.of("priority", "high")).bodyAs(Req.class))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("Req");
    }

    @Test
    void envelopesAreImmutableAndCompareByContent() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        Envelope e = Envelope.of(body, Map.of("a", "1"));
        body[0] = 'x';
        assertThat(e.text()).isEqualTo("{}");
        assertThat(e.withHeader("b", "2")).isNotEqualTo(e);
        assertThat(e.headers()).containsOnlyKeys("a");
        assertThat(Envelope.of("{}".getBytes(StandardCharsets.UTF_8), Map.of("a", "1"))).isEqualTo(e);
    }

    @Test
    void blankHeaderNamesAreRefused() {
        assertThatThrownBy(() -> Envelope.ofJson(Map.of()).withHeader(" ", "v"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePreviewIsBounded() {
        assertThat(Envelope.ofText("x".repeat(1000)).preview()).hasSize(120).endsWith("...");
    }

    @Test
    void trailingGarbageOrANullIdIsNotAcceptedAsJsonOrAnId() {
        assertThat(Envelope.ofText("{\"id\":\"REQ-1\"} trailing").isJson()).isFalse();
        assertThat(Envelope.ofText("{\"id\":null}").id()).isEmpty();
        assertThat(Envelope.ofText("[1, 2]").isJson()).isTrue();
    }

    @Test
    void theRequirementFieldWinsOverTheIdForTheRequirementId() {
        Envelope e = Envelope.ofJson(Map.of("id", "REQ-7:retry:1", "requirement", "REQ-7", "nested", Map.of("id", "x")));
        assertThat(e.requirementId()).contains("REQ-7");
        assertThat(e.id()).contains("REQ-7:retry:1");
    }
}
