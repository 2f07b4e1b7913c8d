package dev.agentkit.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.topology.StreamSpec;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StreamConfiguration;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JetStreamProvisionerTest {
    private final StreamSpec spec = StreamSpec.of("REQUIREMENTS", "work.requirements.>")
            .withLimits(10_000, Duration.ofDays(7));

    @Test
    void aSpecMapsToAStreamConfigurationWithTheSameLimits() {
        StreamConfiguration c = JetStreamProvisioner.toConfig(StreamConfiguration.builder(), spec);
        assertThat(c.getName()).isEqualTo("REQUIREMENTS");
        assertThat(c.getSubjects()).containsExactly("work.requirements.>");
        assertThat(c.getRetentionPolicy()).isEqualTo(RetentionPolicy.Limits);
        assertThat(c.getMaxMsgs()).isEqualTo(10_000);
        assertThat(c.getMaxAge()).isEqualTo(Duration.ofDays(7));
        assertThat(c.getDuplicateWindow()).isEqualTo(Duration.ofMinutes(2));
        assertThat(JetStreamProvisioner.matches(c, spec)).isTrue();
    }

    @Test
    void aChangedLimitOrSubjectNeedsAnUpdate() {
        StreamConfiguration c = JetStreamProvisioner.toConfig(StreamConfiguration.builder(), spec);
        assertThat(JetStreamProvisioner.matches(c, spec.withLimits(20_000, Duration.ofDays(7)))).isFalse();
        assertThat(JetStreamProvisioner.matches(c, StreamSpec.of("REQUIREMENTS", "work.req.>")
                .withLimits(10_000, Duration.ofDays(7)))).isFalse();
    }

    @Test
    void retentionMapsBothWays() {
        for (StreamSpec.Retention r : StreamSpec.Retention.values()) {
            assertThat(JetStreamProvisioner.retention(JetStreamProvisioner.retention(r))).isEqualTo(r);
        }
    }
}
