package dev.agentkit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The virtual clock's monotonic time and sleeps: a sleep is skipped by advancing the clock. */
class VirtualClockTest {
    private final VirtualClock clock = new VirtualClock();

    @Test
    void monotonicTimeMovesExactlyAsTheClockIsAdvanced() {
        long start = clock.nanoTime();

        clock.advance(Duration.ofMillis(1500));

        assertThat(clock.elapsedSince(start)).isEqualTo(Duration.ofMillis(1500));
        assertThat(clock.nanoTime()).isEqualTo(Duration.ofMillis(1500).toNanos());
    }

    @Test
    void aSleepAdvancesTheClockFiringTheTimersDueOnTheWayAndReturnsAtOnce() throws InterruptedException {
        List<Instant> fired = new ArrayList<>();
        clock.schedule(Duration.ofSeconds(2), () -> fired.add(clock.now()));
        clock.schedule(Duration.ofSeconds(9), () -> fired.add(clock.now()));

        clock.sleep(Duration.ofSeconds(5));

        assertThat(clock.now()).isEqualTo(VirtualClock.DEFAULT_START.plusSeconds(5));
        assertThat(fired).containsExactly(VirtualClock.DEFAULT_START.plusSeconds(2));
        assertThat(clock.pendingTimers()).isOne();
    }

    @Test
    void aSleepOfZeroOrLessDoesNotMoveTime() throws InterruptedException {
        clock.sleep(Duration.ZERO);
        clock.sleep(Duration.ofSeconds(-1));

        assertThat(clock.now()).isEqualTo(VirtualClock.DEFAULT_START);
    }

    @Test
    void anInterruptedSleepThrowsClearsTheFlagAndLeavesTimeAlone() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> clock.sleep(Duration.ofSeconds(5))).isInstanceOf(InterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
            assertThat(clock.now()).isEqualTo(VirtualClock.DEFAULT_START);
        } finally {
            Thread.interrupted();
        }
    }
}
