package dev.agentkit.nats.kv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.time.AgentClock;
import dev.agentkit.nats.RealNatsSupport;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The KV processed and state stores on a real server, seen from two connections (two processes). */
class KvStoresIT extends RealNatsSupport {

    @Test
    void anItemMarkedProcessedInOneProcessIsProcessedInAnother() {
        String bucket = unique("processed");
        KvProcessedStore one = KvProcessedStore.open(connect(), bucket, Duration.ZERO, AgentClock.system());
        KvProcessedStore two = KvProcessedStore.open(connect(), bucket, Duration.ZERO, AgentClock.system());
        assertThat(two.isProcessed("roy.REQ-001")).isFalse();
        one.markProcessed("roy.REQ-001");
        one.markProcessed("roy.REQ-001");
        assertThat(two.isProcessed("roy.REQ-001")).isTrue();
        assertThat(two.isProcessed("jen.REQ-001")).isFalse();
    }

    @Test
    void stateSurvivesANewConnectionForAnyKey() {
        String bucket = unique("state");
        String odd = "roy/cursor.since token ✓";
        KvStateStore.open(connect(), bucket).put(odd, "s72594_1");
        KvStateStore later = KvStateStore.open(connect(), bucket);
        assertThat(later.get(odd)).contains("s72594_1");
        later.put(odd, "");
        assertThat(later.get(odd)).contains("");
        later.delete(odd);
        later.delete(odd);
        assertThat(later.get(odd)).isEmpty();
        assertThat(later.get("never.written")).isEmpty();
    }
}
