package dev.agentkit.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.PublishResult;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.store.ProcessedStore;
import dev.agentkit.core.topology.ConsumerSpec;
import dev.agentkit.core.topology.StreamSpec;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.Outcome;
import io.nats.client.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A server restart in the middle of a drain (the test's own nats-server stopped and started on
 * the same store directory while an item is being processed) loses nothing: every item is
 * processed, and none twice, as the KV processed store sees it.
 */
class ServerRestartIT extends RealNatsSupport {
    private static final int ITEMS = 30;
    private final Topology topology = Topology.builder().ackWait(Duration.ofSeconds(2)).maxDeliver(10).build();

    @Test
    void aServerRestartMidDrainLosesNothingAndRepeatsNothing() {
        NATS.fixture().requireRestartable();
        JetStreamBroker broker = broker();
        broker.provision(topology, Map.of("roy", "backend"));
        for (int i = 1; i <= ITEMS; i++) {
            broker.publish(topology.requirementSubject("backend"), Envelope.ofJson(Map.of("id", "REQ-" + i)));
        }
        AgentRuntime runtime = TestAgent.runtime(broker, topology, id);
        TestAgent roy = new TestAgent(TestAgent.config("roy", "backend").fetchBatch(5).build(), runtime);
        AtomicBoolean restarted = new AtomicBoolean();
        roy.work = (self, item) -> {
            if (item.id().equals("REQ-7") && restarted.compareAndSet(false, true)) {
                NATS.fixture().restart();
                awaitReconnected(broker.connection());
            }
            return Outcome.done();
        };

        RealTime.await("every item to be processed", Duration.ofSeconds(60), () -> {
            roy.runTurn();
            return roy.runs.size() == ITEMS;
        });

        assertThat(restarted).isTrue();
        assertThat(roy.runs).as("work runs per item").hasSize(ITEMS).allSatisfy((id, runs) -> assertThat(runs).isEqualTo(1));
        ProcessedStore processed = runtime.processed();
        assertThat(IntStream.rangeClosed(1, ITEMS).mapToObj(i -> "roy.REQ-" + i)).allMatch(processed::isProcessed);
        ConsumerRef work = ConsumerRef.of(topology.consumersFor("roy", "backend").work());
        RealTime.await("nothing pending", Duration.ofSeconds(20), () -> {
            roy.runTurn();
            return !broker.status(work).hasWork();
        });
        assertThat(roy.runs.values()).allMatch(runs -> runs == 1);
    }

    @Test
    void aFetchWhileTheServerIsDownFailsTransientlyAndBurnsNoDelivery() {
        NATS.fixture().requireRestartable();
        JetStreamBroker broker = broker();
        broker.ensureStream(StreamSpec.of(unique("DOWN"), unique("down") + ".>"));
        broker.ensureConsumer(ConsumerSpec.of(unique("DOWN"), "c"));
        broker.publish(unique("down") + ".x", Envelope.ofJson(Map.of("n", 1)));
        ConsumerRef c = new ConsumerRef(unique("DOWN"), "c");

        NATS.fixture().stop();
        RealTime.await("the client to notice", Duration.ofSeconds(10),
                () -> broker.connection().getStatus() != Connection.Status.CONNECTED);
        assertThatThrownBy(() -> broker.fetch(c, 1, Duration.ZERO))
                .isInstanceOfSatisfying(BrokerException.class, e -> assertThat(e.isTransient()).isTrue());
        NATS.fixture().restart();
        awaitReconnected(broker.connection());

        assertThat(broker.fetch(c, 1, Duration.ofSeconds(2))).singleElement()
                .satisfies(d -> assertThat(d.deliveryCount()).isEqualTo(1));
    }

    @Test
    void aPublishWithAMessageIdWhileTheServerIsDownIsRetriedAndStoredOnce() throws Exception {
        NATS.fixture().requireRestartable();
        JetStreamBroker broker = broker();
        String stream = unique("PUB");
        broker.ensureStream(StreamSpec.of(stream, unique("pub") + ".>"));

        NATS.fixture().stop();
        RealTime.await("the client to notice", Duration.ofSeconds(10),
                () -> broker.connection().getStatus() != Connection.Status.CONNECTED);
        ExecutorService publisher = Executors.newSingleThreadExecutor();
        try {
            Future<PublishResult> published = publisher.submit(() -> broker.publish(unique("pub") + ".x",
                    Envelope.ofJson(Map.of("n", 1)).withMessageId("announce-1")));
            // longer than one attempt's wait for the stream's answer (the 5 s connection timeout):
            // the first attempt fails, and its copy still goes out from the reconnect buffer
            RealTime.pass(Duration.ofSeconds(6));
            assertThat(published).as("still retrying").isNotDone();
            NATS.fixture().restart();
            assertThat(published.get(JetStreamPublisher.RETRY_BOUND.toSeconds() + 5, TimeUnit.SECONDS).stream())
                    .isEqualTo(stream);
        } finally {
            publisher.shutdownNow();
        }
        assertThat(broker.connection().jetStreamManagement().getStreamInfo(stream).getStreamState().getMsgCount())
                .as("stored once").isEqualTo(1);
    }

    private static void awaitReconnected(Connection nc) {
        RealTime.await("the agent's connection to come back", Duration.ofSeconds(20),
                () -> nc.getStatus() == Connection.Status.CONNECTED);
    }
}
