package dev.agentkit.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NatsHeadersTest {

    @Test
    void asciiHeadersTravelAsTheyAre() {
        io.nats.client.impl.Headers h = NatsHeaders.toNats(Map.of("Nats-Msg-Id", "REQ-1", "X-Empty", ""));
        assertThat(h.getFirst("Nats-Msg-Id")).isEqualTo("REQ-1");
        assertThat(NatsHeaders.fromNats(h)).containsEntry("Nats-Msg-Id", "REQ-1").containsEntry("X-Empty", "");
    }

    @Test
    void valuesNatsCannotCarryAreEncodedAndComeBackUnchanged() {
        Map<String, String> in = new LinkedHashMap<>();
        in.put("Agentkit-Dead-Reason", "échec: café\nsecond line");
        in.put("X-Looks-Encoded", "=?UTF-8?B?eA==?=");
        io.nats.client.impl.Headers h = NatsHeaders.toNats(in);
        assertThat(h.getFirst("Agentkit-Dead-Reason")).startsWith("=?UTF-8?B?");
        assertThat(NatsHeaders.fromNats(h)).isEqualTo(in);
    }

    @Test
    void aHeaderNameNatsRefusesIsNamed() {
        assertThatThrownBy(() -> NatsHeaders.toNats(Map.of("bad name", "v")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad name");
    }
}
