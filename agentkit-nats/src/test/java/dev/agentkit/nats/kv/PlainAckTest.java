package dev.agentkit.nats.kv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainAckTest {
    private static final byte[] START = "{\"stream\":\"KV_p\",".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"stream\":\"KV_p\",\"seq\":1}",
        "{\"stream\":\"KV_p\", \"seq\":18446744073709551615}",
        "{\"stream\":\"KV_p\",\"seq\":1020304}",
    })
    void aStoredPublishesAnswerIsPlain(String answer) {
        assertThat(PlainAck.of(bytes(answer), START)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // what nats-server 2.15 answers to a put that broke its expected last sequence
        "{\"error\":{\"code\":400,\"err_code\":10071,\"description\":\"wrong last sequence: 1\"},\"stream\":\"KV_p\",\"seq\":0}",
        "{\"stream\":\"KV_p\",\"seq\":0}",
        "{\"stream\":\"KV_p\",\"seq\":12,\"duplicate\":true}",
        "{\"stream\":\"KV_p\",\"seq\":12,\"domain\":\"hub\"}",
        "{\"stream\":\"KV_q\",\"seq\":12}",
        "{\"stream\":\"KV_pp\",\"seq\":12}",
        "{\"stream\":\"KV_p\",\"seq\":12",
        "{\"stream\":\"KV_p\",\"seq\":}",
        "{\"stream\":\"KV_p\",\"seq\":12} ",
        "{\"stream\":\"KV_p\",\"seq\":-1}",
        "{\"stream\":\"KV_p\",\"seq\":123456789012345678901}",
        "{\"stream\":\"KV_p\",  \"seq\":1}",
        "{\"stream\":\"KV_p\",",
        "",
    })
    void anyOtherAnswerIsNot(String answer) {
        assertThat(PlainAck.of(bytes(answer), START)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void noDataIsNotAPlainAck() {
        assertThat(PlainAck.of(null, START)).isFalse();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
