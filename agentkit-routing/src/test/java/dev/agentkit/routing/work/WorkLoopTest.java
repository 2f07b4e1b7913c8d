package dev.agentkit.routing.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.message.Headers;
import dev.agentkit.core.message.PoisonMessageException;
import dev.agentkit.core.store.InMemoryProcessedStore;
import dev.agentkit.core.store.ProcessedStore;
import dev.agentkit.core.store.StoreException;
import dev.agentkit.core.topology.ConsumerSpec;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.StopReason;
import dev.agentkit.testing.VirtualClock;
import dev.agentkit.testing.broker.InMemoryBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Settlement details of the work loop, on the in-memory broker; the broker-level behaviour is in the contract. */
class WorkLoopTest {
    private final VirtualClock clock = new VirtualClock();
    private final InMemoryBroker broker = new InMemoryBroker(clock);
    private final Topology topology = Topology.workshopDefault();
    private final ConsumerSpec roy = topology.consumersFor("roy", "backend").work();

    @BeforeEach
    void provision() {
        broker.provision(topology, Map.of("roy", "backend"));
        broker.publish(topology.requirementSubject("backend"), Envelope.ofJson(Map.of("id", "REQ-001")).withMessageId("REQ-001"));
    }

    private WorkLoop.Builder loop(WorkHandler handler) {
        return WorkLoop.builder(broker, handler, topology.deadLetterSubject("roy"));
    }

    @Test
    void aBlockedItemWaitsTheBlockedDelay() {
        WorkLoop loop = loop(item -> item.deliveryCount() == 1 ? Outcome.blocked("needs a schema") : Outcome.done())
                .blockedDelay(Duration.ofMinutes(10)).build();

        assertThat(loop.run(roy, 5).retried()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(9));
        assertThat(loop.run(roy, 5).processed()).isZero();
        clock.advance(Duration.ofMinutes(1));
        assertThat(loop.run(roy, 5).done()).isEqualTo(1);
    }

    @Test
    void aHandlerExceptionWaitsTheFailureDelay() {
        List<Integer> attempts = new ArrayList<>();
        WorkLoop loop = loop(item -> {
            attempts.add(item.deliveryCount());
            if (item.deliveryCount() == 1) {
                throw new IllegalStateException("flaky");
            }
            return Outcome.done();
        }).build();

        loop.run(roy, 5);
        clock.advance(AgentConfig.DEFAULT_FAILURE_DELAY.minusSeconds(1));
        loop.run(roy, 5);
        assertThat(attempts).as("five minutes by default, as an agent's").containsExactly(1);
        clock.advance(Duration.ofSeconds(1));
        loop.run(roy, 5);

        assertThat(attempts).containsExactly(1, 2);
    }

    @Test
    void aNullOutcomeCountsAsAFailure() {
        WorkReport result = loop(item -> null).build().run(roy, 5);

        assertThat(result.retried()).isEqualTo(1);
    }

    @Test
    void aPoisonExceptionDeadLettersAtOnce() {
        WorkReport result = loop(item -> {
            throw new PoisonMessageException("no statement");
        }).build().run(roy, 5);

        assertThat(result.deadLettered()).isEqualTo(1);
        assertThat(broker.messages(Topology.DEAD_LETTER)).singleElement()
                .satisfies(e -> assertThat(e.header(Headers.DEAD_REASON)).contains("poison: no statement"));
    }

    @Test
    void anItemAlreadyProcessedIsAckedWithoutWork() {
        InMemoryProcessedStore store = new InMemoryProcessedStore();
        store.markProcessed("roy.REQ-001");
        List<String> worked = new ArrayList<>();

        WorkReport result = loop(item -> {
            worked.add(item.id());
            return Outcome.done();
        }).processedStore(store).build().run(roy, 5);

        assertThat(result.duplicates()).isEqualTo(1);
        assertThat(worked).isEmpty();
        assertThat(broker.status(ConsumerRef.of(roy)).hasWork()).isFalse();
    }

    @Test
    void aDoneItemIsMarkedInTheStore() {
        InMemoryProcessedStore store = new InMemoryProcessedStore();

        loop(item -> Outcome.done()).processedStore(store).build().run(roy, 5);

        assertThat(store.isProcessed("roy.REQ-001")).isTrue();
    }

    @Test
    void aDoneItemIsMarkedBeforeItIsAcked() {
        List<Long> unackedAtMark = new ArrayList<>();
        InMemoryProcessedStore marks = new InMemoryProcessedStore();
        ProcessedStore store = new ProcessedStore() {
            @Override
            public boolean isProcessed(String key) {
                return marks.isProcessed(key);
            }

            @Override
            public void markProcessed(String key) {
                unackedAtMark.add(broker.status(ConsumerRef.of(roy)).ackPending());
                marks.markProcessed(key);
            }
        };

        WorkReport result = loop(item -> Outcome.done()).processedStore(store).build().run(roy, 5);

        assertThat(result.done()).isEqualTo(1);
        assertThat(unackedAtMark).as("an ack is fire-and-forget: a crash after it must find the mark")
                .containsExactly(1L);
        assertThat(broker.status(ConsumerRef.of(roy)).hasWork()).isFalse();
    }

    @Test
    void aDoneItemWhoseMarkFailsIsAckedAndTheDrainGoesOn() {
        InMemoryProcessedStore marks = new InMemoryProcessedStore();
        ProcessedStore store = new ProcessedStore() {
            @Override
            public boolean isProcessed(String key) {
                return marks.isProcessed(key);
            }

            @Override
            public void markProcessed(String key) {
                throw new StoreException("mark " + key + ": a test I/O error", true, null);
            }
        };
        List<String> worked = new ArrayList<>();

        WorkReport result = loop(item -> {
            worked.add(item.id());
            return Outcome.done();
        }).processedStore(store).build().run(roy, 5);

        assertThat(result.done()).isEqualTo(1);
        assertThat(result.stopReason()).isEqualTo(StopReason.QUEUE_EMPTY);
        assertThat(worked).as("acked, so not run again").containsExactly("REQ-001");
        assertThat(broker.status(ConsumerRef.of(roy)).hasWork()).isFalse();
    }

    @Test
    void badSettingsAreRefused() {
        WorkLoop loop = loop(item -> Outcome.done()).build();
        assertThatThrownBy(() -> loop.run(roy, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> loop(item -> Outcome.done()).failureDelay(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WorkLoop.builder(broker, item -> Outcome.done(), "bad subject"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
