package dev.agentkit.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScheduleTest {
    private static final Instant NINE = Instant.parse("2030-01-01T09:00:00Z");

    @Test
    void slotsFallOnPeriodBoundariesPlusTheOffset() {
        Schedule jen = Schedule.every(Duration.ofMinutes(30)).at(Duration.ofMinutes(15));
        assertThat(jen.nextAfter(NINE)).isEqualTo(Instant.parse("2030-01-01T09:15:00Z"));
        assertThat(jen.nextAfter(Instant.parse("2030-01-01T09:15:00Z"))).isEqualTo(Instant.parse("2030-01-01T09:45:00Z"));
        assertThat(jen.nextAfter(Instant.parse("2030-01-01T09:20:00Z"))).isEqualTo(Instant.parse("2030-01-01T09:45:00Z"));
    }

    @Test
    void theNextSlotIsStrictlyAfterNow() {
        Schedule roy = Schedule.every(Duration.ofMinutes(30));
        assertThat(roy.nextAfter(NINE)).isEqualTo(Instant.parse("2030-01-01T09:30:00Z"));
        assertThat(roy.nextAfter(NINE.minusMillis(1))).isEqualTo(NINE);
    }

    @Test
    void anOffsetMustFallInsideThePeriod() {
        assertThatThrownBy(() -> Schedule.every(Duration.ofMinutes(30)).at(Duration.ofMinutes(30)))
                .hasMessageContaining("offset");
        assertThatThrownBy(() -> Schedule.every(Duration.ZERO)).hasMessageContaining("period");
    }
}
