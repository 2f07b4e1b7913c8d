package dev.agentkit.testing.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.schedule.Schedule;
import dev.agentkit.core.schedule.TurnScheduler;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.StopReason;
import dev.agentkit.core.turn.TurnBasedAgent;
import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.core.turn.WorkItem;
import dev.agentkit.testing.AgentTestKit;
import dev.agentkit.testing.AgentTestKitExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The scheduler on virtual time: hours of schedule in milliseconds. */
@ExtendWith(AgentTestKitExtension.class)
class TurnSchedulerTest {
    private static final Duration HALF_HOUR = Duration.ofMinutes(30);

    static final class Worker extends TurnBasedAgent {
        final List<Instant> turnsAt = new ArrayList<>();
        Runnable during = () -> { };

        Worker(String name, AgentRuntime runtime) {
            super(AgentConfig.builder(name).role(name).build(), runtime);
        }

        @Override
        protected Outcome processWork(WorkItem item) {
            during.run();
            return Outcome.done();
        }
    }

    private final List<TurnReport> reports = new ArrayList<>();

    private TurnScheduler scheduler(AgentTestKit kit) {
        return TurnScheduler.builder(kit.clock()).executor(Runnable::run).onReport(reports::add).build();
    }

    private Worker worker(AgentTestKit kit, String name) {
        kit.provision(name, name);
        return new Worker(name, kit.runtime());
    }

    private List<LocalTime> turnTimes(String agent) {
        return reports.stream().filter(r -> r.agent().equals(agent))
                .map(r -> LocalTime.ofInstant(r.startedAt(), ZoneOffset.UTC)).toList();
    }

    @Test
    void agentsTakeTurnsAtTheirOwnOffsets(AgentTestKit kit) {
        TurnScheduler s = scheduler(kit)
                .add(worker(kit, "roy"), Schedule.every(HALF_HOUR))
                .add(worker(kit, "jen"), Schedule.every(HALF_HOUR).at(Duration.ofMinutes(15)));
        s.start();
        kit.advance(Duration.ofHours(2));
        assertThat(turnTimes("roy")).containsExactly(LocalTime.of(0, 30), LocalTime.of(1, 0), LocalTime.of(1, 30), LocalTime.of(2, 0));
        assertThat(turnTimes("jen")).containsExactly(LocalTime.of(0, 15), LocalTime.of(0, 45), LocalTime.of(1, 15), LocalTime.of(1, 45));
    }

    @Test
    void aTurnStillRunningAtItsNextSlotIsNotDoubled(AgentTestKit kit) {
        Worker roy = worker(kit, "roy");
        roy.during = () -> kit.advance(Duration.ofMinutes(45));
        kit.publishWork("roy", Map.of("id", "REQ-1"));
        TurnScheduler s = scheduler(kit).add(roy, Schedule.every(HALF_HOUR));
        s.start();
        kit.advance(Duration.ofMinutes(30));
        assertThat(reports).hasSize(1);
        assertThat(kit.clock().now()).isEqualTo(Instant.parse("2030-01-01T01:15:00Z"));
        kit.advance(Duration.ofMinutes(15));
        assertThat(turnTimes("roy")).containsExactly(LocalTime.of(0, 30), LocalTime.of(1, 30));
    }

    @Test
    void aPausedAgentPullsNoWorkUntilResumedButStillReadsTheChat(AgentTestKit kit) {
        TurnScheduler s = scheduler(kit).add(worker(kit, "roy"), Schedule.every(HALF_HOUR));
        kit.publishWork("roy", Map.of("id", "REQ-1"));
        s.start();
        s.pause("roy");
        kit.advance(Duration.ofHours(3));
        assertThat(reports).hasSize(6).allSatisfy(r -> {
            assertThat(r.pulled()).isZero();
            assertThat(r.stopReason()).isEqualTo(StopReason.PAUSED);
        });
        assertThat(kit.control().isPaused("roy")).as("one flag with the chat's pause").isTrue();
        s.resume("roy");
        kit.advance(HALF_HOUR);
        assertThat(reports.get(reports.size() - 1).done()).isEqualTo(1);
    }

    @Test
    void aPauseSurvivesANewScheduler(AgentTestKit kit) {
        Worker roy = worker(kit, "roy");
        scheduler(kit).add(roy, Schedule.every(HALF_HOUR)).pause("roy");
        TurnScheduler next = scheduler(kit).add(new Worker("roy", kit.runtime()), Schedule.every(HALF_HOUR));
        assertThat(next.isPaused("roy")).isTrue();
    }

    @Test
    void aHumansTurnNowRequestStartsATurnAtOnce(AgentTestKit kit) {
        TurnScheduler s = scheduler(kit).add(worker(kit, "roy"), Schedule.every(HALF_HOUR));
        s.start();
        kit.control().requestTurn("roy", "@douglas:localhost");
        assertThat(reports).singleElement().satisfies(r -> assertThat(r.startedAt()).isEqualTo(kit.clock().now()));
    }

    @Test
    void onlyWhenThereIsWorkSkipsIdleSlotsCheaply(AgentTestKit kit) {
        TurnScheduler s = scheduler(kit).add(worker(kit, "roy"), Schedule.every(HALF_HOUR).onlyWhenThereIsWork());
        s.start();
        kit.advance(Duration.ofHours(5));
        assertThat(reports).isEmpty();
        kit.publishWork("roy", Map.of("id", "REQ-1"));
        kit.advance(HALF_HOUR);
        assertThat(reports).singleElement().satisfies(r -> assertThat(r.done()).isEqualTo(1));
        kit.advance(Duration.ofHours(2));
        assertThat(reports).hasSize(1);
    }

    @Test
    void aTurnCanBeAskedForBetweenSlots(AgentTestKit kit) {
        TurnScheduler s = scheduler(kit).add(worker(kit, "roy"), Schedule.every(HALF_HOUR));
        s.start();
        assertThat(s.runNow("roy")).isTrue();
        assertThat(reports).hasSize(1);
        assertThat(s.lastReport("roy")).isPresent();
    }

    @Test
    void shutdownLetsTheRunningTurnFinish(AgentTestKit kit) throws Exception {
        Worker roy = worker(kit, "roy");
        CountDownLatch inTurn = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        roy.during = () -> {
            inTurn.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        kit.publishWork("roy", Map.of("id", "REQ-1"));
        var pool = Executors.newSingleThreadExecutor();
        try {
            TurnScheduler s = TurnScheduler.builder(kit.clock()).executor(pool).onReport(reports::add).build()
                    .add(roy, Schedule.every(HALF_HOUR));
            s.start();
            kit.advance(HALF_HOUR);
            assertThat(inTurn.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(s.shutdown(Duration.ofMillis(50))).as("turn still running").isFalse();
            release.countDown();
            assertThat(s.shutdown(Duration.ofSeconds(10))).isTrue();
            assertThat(reports).singleElement().satisfies(r -> assertThat(r.done()).isEqualTo(1));
            kit.advance(Duration.ofHours(2));
            assertThat(reports).as("no turns after shutdown").hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
