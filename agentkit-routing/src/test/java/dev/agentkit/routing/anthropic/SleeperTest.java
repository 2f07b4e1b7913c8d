package dev.agentkit.routing.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentkit.core.time.AgentClock;
import dev.agentkit.routing.llm.LanguageModelException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SleeperTest {

    /** A clock that records what is scheduled and runs it only when told. */
    private static final class ManualClock implements AgentClock {
        final List<Duration> scheduled = new ArrayList<>();
        final boolean fireAtOnce;
        int cancelled;

        ManualClock(boolean fireAtOnce) {
            this.fireAtOnce = fireAtOnce;
        }

        @Override
        public Instant now() {
            return Instant.EPOCH;
        }

        @Override
        public Timer schedule(Duration delay, Runnable task) {
            scheduled.add(delay);
            if (fireAtOnce) {
                task.run();
            }
            return () -> cancelled++;
        }

        @Override
        public Timer scheduleRepeating(Duration period, Runnable task) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void aSleeperOnAClockReturnsWhenTheClocksTimerFires() {
        ManualClock clock = new ManualClock(true);

        Sleeper.on(clock).sleep(Duration.ofSeconds(30));

        assertThat(clock.scheduled).containsExactly(Duration.ofSeconds(30));
        assertThat(clock.cancelled).isEqualTo(1);
    }

    @Test
    void anInterruptedSleepIsALanguageModelExceptionAndKeepsTheInterrupt() {
        ManualClock clock = new ManualClock(false);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Sleeper.on(clock).sleep(Duration.ofSeconds(30)))
                    .isInstanceOf(LanguageModelException.class).hasMessageContaining("interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
            assertThat(clock.cancelled).isEqualTo(1);
        } finally {
            Thread.interrupted();
        }
    }
}
