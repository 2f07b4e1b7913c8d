package dev.agentkit.testing.turn;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.ItemEvent;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.TurnListener;
import dev.agentkit.core.turn.TurnMdc;
import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.core.turn.TurnStart;
import dev.agentkit.testing.AgentTestKit;
import dev.agentkit.testing.AgentTestKitExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/** Turn listeners hear every turn and item; every log line of a turn carries the MDC keys. */
@ExtendWith(AgentTestKitExtension.class)
class TurnObservabilityTest {
    private static final org.slf4j.Logger AGENT_LOG = LoggerFactory.getLogger("roy.work");

    /** Records every event as a line. */
    static final class Recorder implements TurnListener {
        final List<String> events = new ArrayList<>();
        final List<ItemEvent> items = new ArrayList<>();

        @Override
        public void turnStarted(TurnStart start) {
            events.add("started " + start.turnId());
        }

        @Override
        public void itemDone(ItemEvent item) {
            events.add("done " + item.requirementId());
            items.add(item);
        }

        @Override
        public void itemFailed(ItemEvent item) {
            events.add(item.result() + " " + item.requirementId());
            items.add(item);
        }

        @Override
        public void turnEnded(TurnReport report) {
            events.add("ended " + report.turnId() + " " + report.done() + " done");
        }
    }

    private ScriptedAgent roy(AgentTestKit kit) {
        kit.provision("roy", "backend");
        return new ScriptedAgent(AgentConfig.builder("roy").role("backend").build(), kit.runtime(new RecordingChat()));
    }

    @Test
    void aListenerHearsTheTurnItsItemsAndTheirFiguresAndAThrowingListenerBreaksNothing(AgentTestKit kit) {
        Recorder recorder = new Recorder();
        kit.addListener(TurnListener.onTurnEnded(r -> {
            throw new IllegalStateException("metrics backend down");
        }));
        kit.addListener(recorder);
        ScriptedAgent roy = roy(kit);
        roy.work = (self, item) -> {
            kit.advance(Duration.ofSeconds(7));
            return item.id().equals("REQ-2") ? Outcome.retry(Duration.ofMinutes(1), "flaky") : Outcome.done();
        };
        kit.publishWork("backend", Map.of("id", "REQ-1"));
        kit.publishWork("backend", Map.of("id", "REQ-2"));
        TurnReport report = roy.runTurn();
        assertThat(report.done()).isEqualTo(1);
        assertThat(recorder.events).containsExactly("started roy-1", "done REQ-1", "RETRIED REQ-2", "ended roy-1 1 done");
        ItemEvent retried = recorder.items.get(1);
        assertThat(retried.detail()).isEqualTo("flaky");
        assertThat(retried.duration()).isEqualTo(Duration.ofSeconds(7));
        assertThat(retried.deliveryCount()).isEqualTo(1);
        assertThat(retried.subject()).isEqualTo("work.requirements.backend");
    }

    @Test
    void everyLogLineOfATurnCarriesAgentTurnAndWhileAnItemRunsMessageAndRequirement(AgentTestKit kit) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Level level = root.getLevel();
        root.addAppender(appender);
        root.setLevel(Level.INFO);
        try {
            ScriptedAgent roy = roy(kit);
            roy.work = (self, item) -> {
                AGENT_LOG.info("working on it");
                return item.deliveryCount() == 1 ? Outcome.retry(Duration.ofMinutes(1), "flaky") : Outcome.done();
            };
            kit.publish("work.requirements.backend", Map.of("id", "msg-9", "requirement", "REQ-009"));
            roy.runTurn();
        } finally {
            root.detachAppender(appender);
            root.setLevel(level);
        }
        List<ILoggingEvent> lines = appender.list;
        assertThat(lines).isNotEmpty().allSatisfy(e -> assertThat(e.getMDCPropertyMap())
                .containsEntry(TurnMdc.AGENT, "roy").containsEntry(TurnMdc.TURN, "roy-1"));
        assertThat(lines).filteredOn(e -> e.getLoggerName().equals("roy.work")).singleElement()
                .satisfies(e -> assertThat(e.getMDCPropertyMap()).containsEntry(TurnMdc.MESSAGE, "msg-9")
                        .containsEntry(TurnMdc.REQUIREMENT, "REQ-009")
                        .containsEntry(TurnMdc.SUBJECT, "work.requirements.backend"));
        assertThat(lines).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("will retry msg-9"));
    }
}
