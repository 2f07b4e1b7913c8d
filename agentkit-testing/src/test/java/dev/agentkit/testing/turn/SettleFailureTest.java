package dev.agentkit.testing.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.PublishResult;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.store.InMemoryStateStore;
import dev.agentkit.core.store.ProcessedStore;
import dev.agentkit.core.store.StateStore;
import dev.agentkit.core.topology.ConsumerSpec;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.testing.AgentTestKit;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Failures on the turn's settle paths (dead-lettering, escalation, completion): none escapes
 * {@code runTurn}, the item stays redeliverable, and nothing is lost or doubled for it.
 */
class SettleFailureTest {
    private final AgentTestKit kit = AgentTestKit.create();
    private final RecordingChat chat = new RecordingChat();
    private final ConsumerSpec work = kit.topology().consumersFor("roy", "backend").work();

    @AfterEach
    void close() {
        kit.close();
    }

    private ScriptedAgent roy(Broker broker, ProcessedStore processed, StateStore state) {
        kit.provision("roy", "backend");
        AgentRuntime runtime = AgentRuntime.builder(broker).clock(kit.clock()).topology(kit.topology()).chat(chat)
                .processedStore(processed).stateStore(state).team(kit.team()).control(kit.control()).build();
        return new ScriptedAgent(AgentConfig.builder("roy").role("backend").build(), runtime);
    }

    /** Scenario 6 of issue 15: the first publish of the dead letter fails transiently. */
    @Test
    void aDeadLetterWhoseFirstPublishFailedIsStillAlertedOnce() {
        FailingPublishes broker = new FailingPublishes(kit.broker(), kit.topology().deadLetterSubject("roy"), 1);
        ScriptedAgent roy = roy(broker, kit.processedStore(), kit.stateStore());
        roy.work = (self, item) -> Outcome.reject("not a backend task");
        kit.publishWork("backend", Map.of("id", "REQ-7"));

        TurnReport first = roy.runTurn();
        assertThat(first.deadLettered()).isZero();
        assertThat(kit.deadLetters("roy")).isEmpty();
        assertThat(chat.postsTo("alerts")).isEmpty();

        kit.advance(work.ackWait());
        TurnReport second = roy.runTurn();

        assertThat(second.deadLettered()).isEqualTo(1);
        assertThat(kit.deadLetters("roy")).hasSize(1);
        assertThat(chat.postsTo("alerts")).singleElement().asString().contains("DEAD LETTER REQ-7");
        kit.advance(work.ackWait());
        roy.runTurn();
        assertThat(chat.postsTo("alerts")).hasSize(1);
    }

    /** A state store that fails every write of the dead-letter index (a KV value the server refuses, say). */
    @Test
    void aDeadLetterIndexThatCannotBeWrittenLeavesTheItemForRedeliveryAndTheTurnReturns() {
        InMemoryStateStore values = new InMemoryStateStore();
        StateStore refusing = new StateStore() {
            @Override
            public Optional<String> get(String key) {
                return values.get(key);
            }

            @Override
            public void put(String key, String value) {
                if (key.startsWith("oversight.")) {
                    throw new IllegalArgumentException("Message payload size exceed server configuration 2000000 vs 1048576");
                }
                values.put(key, value);
            }

            @Override
            public void delete(String key) {
                values.delete(key);
            }
        };
        ScriptedAgent roy = roy(kit.broker(), kit.processedStore(), refusing);
        roy.work = (self, item) -> Outcome.reject("not a backend task");
        kit.publishWork("backend", Map.of("id", "REQ-8"));

        TurnReport report = roy.runTurn();

        assertThat(report).isNotNull();
        assertThat(kit.acked("REQ-8")).isFalse();
        assertThat(kit.broker().settlements()).noneMatch(s -> s.action() == dev.agentkit.testing.broker.InMemoryBroker.Action.TERM);
        kit.advance(work.ackWait());
        assertThat(roy.runTurn()).isNotNull();
        assertThat(roy.worked).as("redelivered").hasSize(2);
    }

    /**
     * Scenario 2's settle side: the processed mark fails after the announcements were published.
     * The item is done and announced, so it is acked anyway; processWork ran once.
     */
    @Test
    void anItemWhoseMarkFailsAfterItsAnnouncementsWerePublishedIsAckedAnywayAndRunOnce() {
        ProcessedStore failing = new ProcessedStore() {
            @Override
            public boolean isProcessed(String key) {
                return false;
            }

            @Override
            public void markProcessed(String key) {
                throw new IllegalStateException("file name too long: " + key);
            }
        };
        ScriptedAgent roy = roy(kit.broker(), failing, kit.stateStore());
        roy.work = (self, item) -> {
            self.announceFromWork("api_ready", Map.of("requirement", item.id()));
            return Outcome.done();
        };
        kit.publishWork("backend", Map.of("id", "REQ-9"));

        TurnReport report = roy.runTurn();
        for (int i = 0; i < 3; i++) {
            kit.advance(Duration.ofMinutes(10));
            roy.runTurn();
        }

        assertThat(report.done()).isEqualTo(1);
        assertThat(kit.acked("REQ-9")).isTrue();
        assertThat(roy.worked).hasSize(1);
        assertThat(kit.broker().messages("INTEGRATION")).hasSize(1);
    }

    /** Fails the first {@code n} publishes to one subject transiently, as a lost server would. */
    private static final class FailingPublishes extends FlakyBroker {
        private final String subject;
        private int left;

        FailingPublishes(Broker delegate, String subject, int n) {
            super(delegate);
            this.subject = subject;
            this.left = n;
        }

        @Override
        public PublishResult publish(String s, Envelope envelope) {
            if (s.equals(subject) && left > 0) {
                left--;
                throw new BrokerException("publish to " + s + ": timed out (a test failure)", true);
            }
            return super.publish(s, envelope);
        }
    }
}
