package dev.agentkit.nats.kv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LeaseRecordTest {

    @Test
    void aRecordSurvivesItsJson() {
        Instant t = Instant.parse("2030-01-01T00:00:00Z");
        LeaseRecord r = new LeaseRecord("tok", "roy", "host-1", 42, t, t.plusSeconds(30));
        assertThat(LeaseRecord.parse(r.bytes())).contains(r);
    }

    @Test
    void somethingElseIsNotARecord() {
        assertThat(LeaseRecord.parse("not json".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(LeaseRecord.parse("{\"token\":\"t\",\"acquired\":\"yesterday\"}".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(LeaseRecord.parse(null)).isEmpty();
    }

    @Test
    void serverTtlIsWholeSecondsRoundedUp() {
        assertThat(KvLeases.ttlSeconds(Duration.ofMillis(200))).isEqualTo(1);
        assertThat(KvLeases.ttlSeconds(Duration.ofMillis(1500))).isEqualTo(2);
        assertThat(KvLeases.ttlSeconds(Duration.ofMinutes(35))).isEqualTo(2100);
    }
}
