package dev.agentkit.nats.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.agentkit.core.store.ProcessedStore;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.nats.RealNatsSupport;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValueManagement;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: message ids of any length and alphabet as KV keys on a real server. A key that
 * escaped to more than the server's control line (4 KiB) used to cost the connection.
 */
class KvLongKeysIT extends RealNatsSupport {
    private static final List<String> IDS = List.of(
            "REQ-" + "x".repeat(263),                       // 267 characters, the file-name scenario
            "REQ." + "a.b c/d=".repeat(33) + "end",         // 267 characters of escapes
            "✓".repeat(267),                                // 267 characters, 801 UTF-8 bytes
            "日本語のメッセージ".repeat(300));                  // 8,100 bytes: a 24 KB key once escaped

    @Test
    void longAndUnicodeIdsAreMarkedAndReadBackInTheProcessedStore() {
        Connection nc = connect();
        KvProcessedStore store = KvProcessedStore.open(nc, unique("processed"), Duration.ZERO, AgentClock.system());
        for (String id : IDS) {
            assertThat(store.isProcessed("roy." + id)).isFalse();
            store.markProcessed("roy." + id);
            assertThat(store.isProcessed("roy." + id)).as(id.substring(0, 12)).isTrue();
            assertThat(store.isProcessed("jen." + id)).isFalse();
        }
        assertThat(nc.getStatus()).isEqualTo(Connection.Status.CONNECTED);
    }

    @Test
    void longAndUnicodeKeysKeepTheirValuesInTheStateStore() {
        KvStateStore state = KvStateStore.open(connect(), unique("state"));
        for (String id : IDS) {
            state.put("oversight.letter." + id, "letter of " + id.length());
        }
        KvStateStore later = KvStateStore.open(connect(), unique("state"));
        for (String id : IDS) {
            assertThat(later.get("oversight.letter." + id)).contains("letter of " + id.length());
        }
    }

    @Test
    void theDefaultBucketForgetsMarksAfterThirtyDays() throws IOException, JetStreamApiException {
        Connection nc = connect();
        KeyValueManagement kvm = nc.keyValueManagement();
        assumeThat(kvm.getBucketNames()).as("a server of our own, without the default bucket yet")
                .doesNotContain(KvProcessedStore.DEFAULT_BUCKET);

        KvProcessedStore.open(nc).markProcessed("roy.REQ-1");

        assertThat(kvm.getStatus(KvProcessedStore.DEFAULT_BUCKET).getConfiguration().getTtl())
                .isEqualTo(ProcessedStore.DEFAULT_RETENTION).isEqualTo(Duration.ofDays(30));
    }
}
