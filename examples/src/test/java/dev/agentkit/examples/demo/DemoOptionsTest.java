package dev.agentkit.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {
    @Test
    void noArgumentsIsTheEmbeddedStoryOfFivePeriodsWithOneReplica() {
        assertThat(DemoOptions.parse(new String[0])).isEqualTo(new DemoOptions(5, Optional.empty(), Optional.empty(), 1));
    }

    @Test
    void aClusterIsGivenAsCommaSeparatedUrlsWithAReplicaCount() {
        DemoOptions options = DemoOptions.parse(new String[] {"--nats", "nats://127.0.0.1:4222,nats://127.0.0.1:4223",
                "--replicas", "3", "--periods", "2"});
        assertThat(options.nats()).contains("nats://127.0.0.1:4222,nats://127.0.0.1:4223");
        assertThat(options.replicas()).isEqualTo(3);
        assertThat(options.periods()).isEqualTo(2);
    }

    @Test
    void replicasWithoutNatsAreRefusedSayingWhatIsMissing() {
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--replicas", "3"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--replicas 3 needs --nats");
    }

    @Test
    void badValuesAreNamed() {
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--replicas", "three"}))
                .hasMessageContaining("--replicas takes a whole number, was 'three'");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--nats", "x", "--replicas", "7"}))
                .hasMessageContaining("--replicas must be 1 to 5, was 7");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--verbose", "1"}))
                .hasMessageContaining("unknown option --verbose").hasMessageContaining("--replicas N");
    }
}
