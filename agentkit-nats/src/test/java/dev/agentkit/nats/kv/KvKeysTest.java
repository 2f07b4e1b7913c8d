package dev.agentkit.nats.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentkit.core.internal.store.StoreKeys;
import java.util.List;
import org.junit.jupiter.api.Test;

class KvKeysTest {
    private static final String VALID_KV_KEY = "[-/_=.a-zA-Z0-9]+";

    @Test
    void anyStringBecomesAValidKeyAndComesBack() {
        for (String key : List.of("roy.REQ-001", ".leading", "trailing.", "a..b", "spaces and/slashes", "ünïcødé ✓",
                "a=b", "*", ">", "x")) {
            String encoded = KvKeys.encode(key);
            assertThat(encoded).matches(VALID_KV_KEY).doesNotStartWith(".").doesNotEndWith(".");
            assertThat(KvKeys.decode(encoded)).isEqualTo(key);
        }
    }

    @Test
    void distinctStringsNeverShareAKey() {
        assertThat(KvKeys.encode("a.b")).isNotEqualTo(KvKeys.encode("a=2Eb"));
        assertThat(KvKeys.encode("REQ-1")).isEqualTo("REQ-1");
    }

    @Test
    void aLongKeyBecomesABoundedValidKey() {
        for (String key : List.of("roy.REQ-" + "x".repeat(263), "✓".repeat(267), "a.b".repeat(5_000))) {
            assertThat(KvKeys.encode(key)).matches(VALID_KV_KEY).hasSizeLessThanOrEqualTo(StoreKeys.MAX_LENGTH)
                    .contains("==");
        }
        assertThat(KvKeys.encode("roy." + "x".repeat(300))).isNotEqualTo(KvKeys.encode("roy." + "x".repeat(301)));
    }

    @Test
    void anEmptyKeyIsRefused() {
        assertThatThrownBy(() -> KvKeys.encode("")).isInstanceOf(IllegalArgumentException.class);
    }
}
