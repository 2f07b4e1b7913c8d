package dev.agentkit.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The system clock's monotonic time and sleeps, and the defaults other clocks inherit. */
class SystemClockTest {
    private final AgentClock clock = AgentClock.system();

    @Test
    void aSleepParksTheThreadForAtLeastItsDurationOnMonotonicTime() throws InterruptedException {
        long start = clock.nanoTime();

        clock.sleep(Duration.ofMillis(30));

        assertThat(clock.elapsedSince(start)).isGreaterThanOrEqualTo(Duration.ofMillis(30));
        assertThat(clock.nanoTime()).isGreaterThanOrEqualTo(start);
    }

    @Test
    void aSleepEndsWhenTheThreadIsInterrupted() throws Exception {
        CountDownLatch sleeping = new CountDownLatch(1);
        Thread[] sleeper = new Thread[1];
        CompletableFuture<Throwable> ended = CompletableFuture.supplyAsync(() -> {
            sleeper[0] = Thread.currentThread();
            sleeping.countDown();
            try {
                clock.sleep(Duration.ofMinutes(5));
                return null;
            } catch (InterruptedException e) {
                return e;
            }
        });
        assertThat(sleeping.await(10, TimeUnit.SECONDS)).isTrue();

        sleeper[0].interrupt();

        assertThat(ended.get(10, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
    }

    @Test
    void theDefaultSleepWaitsForATimerOfTheClockAndCancelsIt() throws InterruptedException {
        ImmediateClock immediate = new ImmediateClock();

        immediate.sleep(Duration.ofSeconds(30));

        assertThat(immediate.scheduled).containsExactly(Duration.ofSeconds(30));
        assertThat(immediate.cancelled).isOne();
    }

    @Test
    void theDefaultSleepOfAnInterruptedThreadThrows() {
        ImmediateClock never = new ImmediateClock();
        never.fires = false;
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> never.sleep(Duration.ofSeconds(30))).isInstanceOf(InterruptedException.class);
            assertThat(never.cancelled).isOne();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void theDefaultMonotonicTimeFollowsTheWallTime() {
        ImmediateClock immediate = new ImmediateClock();
        long start = immediate.nanoTime();

        immediate.now = immediate.now.plusMillis(1500);

        assertThat(immediate.elapsedSince(start)).isEqualTo(Duration.ofMillis(1500));
    }

    /** A clock that runs each timer as it is scheduled (unless told not to) and records it. */
    private static final class ImmediateClock implements AgentClock {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        final List<Duration> scheduled = new ArrayList<>();
        boolean fires = true;
        int cancelled;

        @Override
        public Instant now() {
            return now;
        }

        @Override
        public Timer schedule(Duration delay, Runnable task) {
            scheduled.add(delay);
            if (fires) {
                task.run();
            }
            return () -> cancelled++;
        }

        @Override
        public Timer scheduleRepeating(Duration period, Runnable task) {
            throw new UnsupportedOperationException();
        }
    }
}
