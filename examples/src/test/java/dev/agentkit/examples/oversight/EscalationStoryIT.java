package dev.agentkit.examples.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.agentkit.core.oversight.DeadLetterEntry;
import dev.agentkit.core.turn.StopReason;
import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.testing.matrix.SynapseExtension;
import dev.agentkit.testing.matrix.SynapseServer;
import dev.agentkit.testing.nats.NatsServerFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * Issue 8's escalation story on a real nats-server and a real Synapse: an item that fails on every
 * delivery reaches #alerts once; a stranger's commands do nothing; a commander's retry makes it
 * run again and succeed, once even across a restart (new agent, same KV stores); reassign moves an item
 * to Jen, who does it; skip closes one. No log line carries a password or access token.
 */
@ExtendWith(SynapseExtension.class)
class EscalationStoryIT {
    private final NatsServerFixture nats = NatsServerFixture.start();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger agentkitLogger = (Logger) LoggerFactory.getLogger("dev.agentkit");
    private RealTeam team;

    @BeforeEach
    void captureLogs() {
        logs.start();
        agentkitLogger.addAppender(logs);
        agentkitLogger.setLevel(Level.DEBUG);
    }

    @AfterEach
    void stop() {
        agentkitLogger.detachAppender(logs);
        agentkitLogger.setLevel(null);
        if (team != null) {
            team.close();
        }
        nats.close();
    }

    @Test
    void deadLettersBecomeAConversationThatActsOnTheWork(SynapseServer synapse) {
        team = new RealTeam(nats, synapse);
        RealTeam.Worker roy = team.agent("roy", "backend");
        RealTeam.Worker jen = team.agent("jen", "frontend");

        deadLetter(roy, "REQ-007");
        assertThat(team.texts("alerts")).filteredOn(t -> t.contains("DEAD LETTER REQ-007")).as("escalated once").hasSize(1)
                .first().asString().contains("compiler crashed").contains("retry REQ-007");

        team.say(team.mallory, "alerts", "retry REQ-007");
        team.say(team.mallory, "alerts", "pause roy");
        TurnReport strangers = roy.runTurn();
        assertThat(strangers.stopReason()).isNotEqualTo(StopReason.PAUSED);
        assertThat(team.statusOf("REQ-007")).isEqualTo(DeadLetterEntry.Status.OPEN);

        team.say(team.moss, "alerts", "retry REQ-007");
        runUntil(roy, () -> roy.applied.contains("REQ-007:retry:1"));
        assertThat(team.statusOf("REQ-007")).isEqualTo(DeadLetterEntry.Status.RETRIED);

        RealTeam.Worker restarted = team.agent("roy", "backend");
        TurnReport again = restarted.runTurn();
        assertThat(again.humanMessages()).as("the cursor kept in KV: nothing read twice").isZero();
        assertThat(restarted.applied).as("the retry acted once").isEmpty();
        assertThat(team.texts("alerts")).filteredOn(t -> t.contains("retried REQ-007")).hasSize(1);

        deadLetter(restarted, "REQ-008");
        team.say(team.moss, "alerts", "reassign REQ-008 to jen");
        restarted.runTurn();
        runUntil(jen, () -> jen.applied.stream().anyMatch(id -> id.startsWith("REQ-008")));
        assertThat(team.statusOf("REQ-008")).isEqualTo(DeadLetterEntry.Status.REASSIGNED);

        deadLetter(restarted, "REQ-009");
        team.say(team.moss, "backend", "roy: skip REQ-009");
        runUntil(restarted, () -> team.statusOf("REQ-009") == DeadLetterEntry.Status.SKIPPED);
        assertThat(restarted.applied).noneMatch(id -> id.startsWith("REQ-009"));

        List<String> secrets = team.secrets();
        assertThat(logs.list).as("no log line carries a password or access token").noneSatisfy(e ->
                assertThat(secrets).anyMatch(s -> e.getFormattedMessage().contains(s)
                        || (e.getThrowableProxy() != null && String.valueOf(e.getThrowableProxy().getMessage()).contains(s))));
    }

    /** {@code agent} fails every delivery of a new item {@code id} until it is dead-lettered; then its work succeeds. */
    private void deadLetter(RealTeam.Worker agent, String id) {
        agent.failing = true;
        team.broker.publish("work.requirements." + agent.config().role(),
                dev.agentkit.core.message.Envelope.ofJson(Map.of("id", id, "title", "Add login")).withMessageId(id));
        runUntil(agent, () -> team.texts("alerts").stream().anyMatch(t -> t.contains("DEAD LETTER " + id)));
        agent.failing = false;
    }

    /** Runs turns of {@code agent}, a short pause apart, until {@code done} holds; fails after 30 s. */
    private static void runUntil(RealTeam.Worker agent, BooleanSupplier done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            agent.runTurn();
            if (done.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(agent.config().name() + "'s turns did not get there in 30 s");
            }
            pause(Duration.ofMillis(300));
        }
    }

    private static void pause(Duration d) {
        try {
            new CountDownLatch(1).await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
