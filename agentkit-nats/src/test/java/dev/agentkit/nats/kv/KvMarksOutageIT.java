package dev.agentkit.nats.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.nats.RealNatsSupport;
import dev.agentkit.nats.RealTime;
import io.nats.client.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: the KV processed store's batched read and asynchronous mark while the server goes
 * away. A read never answers "not processed" for a key it could not read: it waits for the server
 * within the retry bound, or throws; a mark started while the server is down returns at once and
 * completes when the server is back within the bound, or fails after it.
 */
class KvMarksOutageIT extends RealNatsSupport {
    /** Longer than any bounded call of the store: the retry bound and one attempt's wait after it. */
    private static final long BOUND_SECONDS = KvRetry.BOUND.toSeconds() + 15;
    private final ExecutorService caller = Executors.newSingleThreadExecutor();

    @AfterEach
    void serverBack() {
        caller.shutdownNow();
        if (!NATS.fixture().isRunning()) {
            NATS.fixture().restart();
        }
    }

    @Test
    void aMarkWhileTheServerIsDownReturnsAtOnceAndCompletesWhenItIsBack() throws Exception {
        NATS.fixture().requireRestartable();
        Connection nc = connect();
        KvProcessedStore store = open(nc);
        stopServer(nc);

        CompletableFuture<Void> mark = store.markProcessedAsync("roy.REQ-1");

        assertThat(mark).as("a mark on its way, not one that waited out the outage").isNotDone();
        NATS.fixture().restart();
        mark.get(BOUND_SECONDS, TimeUnit.SECONDS);
        assertThat(store.isProcessed("roy.REQ-1")).isTrue();
    }

    @Test
    void aReadWhileTheServerIsDownWaitsForItAndAnswersWhenItIsBack() throws Exception {
        NATS.fixture().requireRestartable();
        Connection nc = connect();
        KvProcessedStore store = open(nc);
        store.markProcessed("roy.REQ-1");
        stopServer(nc);

        Future<Set<String>> read = caller.submit(() -> store.processedAmong(List.of("roy.REQ-1", "roy.REQ-2")));

        assertThat(read).isNotDone();
        NATS.fixture().restart();
        assertThat(read.get(BOUND_SECONDS, TimeUnit.SECONDS)).containsExactly("roy.REQ-1");
    }

    @Test
    void aServerThatStaysAwayFailsTheReadAndTheMarkAfterTheBound() throws Exception {
        NATS.fixture().requireRestartable();
        Connection nc = connect();
        KvProcessedStore store = open(nc);
        store.markProcessed("roy.REQ-1");
        stopServer(nc);

        CompletableFuture<Void> mark = store.markProcessedAsync("roy.REQ-2");
        Future<Set<String>> read = caller.submit(() -> store.processedAmong(List.of("roy.REQ-1", "roy.REQ-3")));

        assertThatThrownBy(() -> read.get(BOUND_SECONDS, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(BrokerException.class, e -> assertThat(e.isTransient()).isTrue())
                .hasMessageContaining("read processed marks");
        assertThatThrownBy(() -> mark.get(BOUND_SECONDS, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(BrokerException.class).hasMessageContaining("roy.REQ-2");
    }

    @Test
    void aServerKilledDuringABigBatchedReadGivesTheWholeAnswerOrAnError() throws Exception {
        NATS.fixture().requireRestartable();
        Connection nc = connect();
        KvProcessedStore store = open(nc);
        List<String> marked = IntStream.range(0, 3_000).mapToObj(i -> "roy.REQ-" + i).toList();
        List<CompletableFuture<Void>> marks = new ArrayList<>();
        marked.forEach(key -> marks.add(store.markProcessedAsync(key)));
        CompletableFuture.allOf(marks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        List<String> asked = new ArrayList<>(marked);
        IntStream.range(0, 3_000).mapToObj(i -> "jen.REQ-" + i).forEach(asked::add);

        for (int round = 0; round < 3; round++) {
            Future<Set<String>> read = caller.submit(() -> store.processedAmong(asked));
            NATS.fixture().kill();
            NATS.fixture().restart();
            try {
                assertThat(read.get(BOUND_SECONDS, TimeUnit.SECONDS)).as("round %d", round)
                        .containsExactlyInAnyOrderElementsOf(marked);
            } catch (ExecutionException e) {
                assertThat(e.getCause()).as("round %d", round).isInstanceOf(BrokerException.class);
            }
        }
        RealTime.await("the connection to come back", Duration.ofSeconds(20),
                () -> nc.getStatus() == Connection.Status.CONNECTED);
        assertThat(store.processedAmong(asked)).containsExactlyInAnyOrderElementsOf(marked);
    }

    private KvProcessedStore open(Connection nc) {
        return KvProcessedStore.open(nc, unique("processed"), Duration.ZERO, AgentClock.system());
    }

    private static void stopServer(Connection nc) {
        NATS.fixture().stop();
        RealTime.await("the client to notice", Duration.ofSeconds(10),
                () -> nc.getStatus() != Connection.Status.CONNECTED);
    }
}
