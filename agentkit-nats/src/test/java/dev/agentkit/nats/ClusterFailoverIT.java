package dev.agentkit.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.ConsumerStatus;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.StopReason;
import dev.agentkit.core.turn.TurnBudget;
import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.nats.connect.NatsConnectionConfig;
import dev.agentkit.nats.kv.KvProcessedStore;
import dev.agentkit.nats.kv.KvStateStore;
import dev.agentkit.testing.nats.ClusterNode;
import dev.agentkit.testing.nats.JetStreamCleanup;
import dev.agentkit.testing.nats.NatsCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agents on a 3-node JetStream cluster with R3 streams and KV buckets, through the faults a
 * cluster has: 1,000 work items drained by two instances of one agent while the stream's (or the
 * consumer's) leader is killed with SIGKILL halfway and restarted later; and a whole-cluster
 * restart between two turns. Every item is applied exactly once, nothing stays pending, nothing
 * reaches the dead letters.
 */
class ClusterFailoverIT {
    private static final Logger log = LoggerFactory.getLogger(ClusterFailoverIT.class);
    private static final int ITEMS = 1000;
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(90);
    /**
     * The ack wait must outlast a failover (a KV write may wait 5 s for a new leader): an item
     * still being settled when its ack wait ends goes to the other instance, which would apply it
     * again before the first has marked it processed.
     */
    private static final Topology TOPOLOGY = Topology.builder().replicas(3)
            .ackWait(Duration.ofSeconds(15)).build();
    private static final ConsumerRef WORK = ConsumerRef.of(TOPOLOGY.consumersFor("worker", "backend").work());

    private static NatsCluster cluster;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final Map<String, Integer> applied = new ConcurrentHashMap<>();
    /** Items the turns counted as failed or dead-lettered: a failover must never be the item's fault. */
    private final AtomicInteger failedItems = new AtomicInteger();

    @BeforeAll
    static void startCluster() {
        cluster = NatsCluster.start(3);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
        cluster.startAll();
        try (JetStreamBroker admin = JetStreamBroker.connect(config())) {
            JetStreamCleanup.deleteAllStreams(admin.connection());
        }
    }

    @Test
    void killingTheStreamLeaderMidDrainLosesNothingAndAppliesNothingTwice() throws Exception {
        drainThroughFailover(() -> cluster.streamLeader(WORK.stream()));
    }

    @Test
    void killingTheConsumerLeaderMidDrainLosesNothingAndAppliesNothingTwice() throws Exception {
        drainThroughFailover(() -> cluster.consumerLeader(WORK.stream(), WORK.durable()));
    }

    @Test
    void durableConsumerAndStateSurviveAWholeClusterRestartBetweenTwoTurns() {
        JetStreamBroker admin = provision();
        TestAgent agent = agent("a", TurnBudget.items(10));
        agent.work = (self, item) -> {
            applied.merge(item.id(), 1, Integer::sum);
            return Outcome.done();
        };
        publish(admin, 20);
        agent.runTurn();
        agent.runtime().state().put("worker.note", "before the restart");
        assertThat(applied).hasSize(10);

        cluster.stopAll();
        cluster.startAll();

        RealTime.await("the second turn to take the other ten items", DRAIN_TIMEOUT, () -> {
            agent.runTurn();
            return applied.size() == 20;
        });
        assertThat(agent.runtime().state().get("worker.note")).contains("before the restart");
        assertThat(appliedTwice()).as("items applied more than once").isEmpty();
        assertNothingLeft(admin);
    }

    private interface Victim {
        ClusterNode pick();
    }

    private void drainThroughFailover(Victim victim) throws Exception {
        JetStreamBroker admin = provision();
        publish(admin, ITEMS);
        TestAgent first = agent("a", TurnBudget.items(100));
        TestAgent second = agent("b", TurnBudget.items(100));
        for (TestAgent a : List.of(first, second)) {
            a.work = (self, item) -> {
                applied.merge(item.id(), 1, Integer::sum);
                return Outcome.done();
            };
        }
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> loops = List.of(pool.submit(() -> turnsUntilDrained(first, admin, deadline)),
                    pool.submit(() -> turnsUntilDrained(second, admin, deadline)));
            RealTime.await("half the items to be applied", DRAIN_TIMEOUT, () -> applied.size() >= ITEMS / 2);
            ClusterNode killed = victim.pick();
            long at = System.nanoTime();
            cluster.kill(killed);
            log.info("killed {} after {} items", killed, applied.size());
            RealTime.await("more items applied without " + killed, DRAIN_TIMEOUT,
                    () -> applied.size() >= ITEMS * 3 / 4 || System.nanoTime() - at > Duration.ofSeconds(20).toNanos());
            cluster.restart(killed);
            log.info("restarted {} after {} items", killed, applied.size());
            for (Future<?> loop : loops) {
                loop.get(DRAIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(applied).hasSize(ITEMS);
        assertThat(appliedTwice()).as("items applied more than once").isEmpty();
        assertThat(failedItems).as("items counted as failed").hasValue(0);
        assertNothingLeft(admin);
    }

    private Map<String, Integer> appliedTwice() {
        Map<String, Integer> twice = new java.util.TreeMap<>();
        applied.forEach((id, n) -> {
            if (n > 1) {
                twice.put(id, n);
            }
        });
        return twice;
    }

    /** Runs turns until every item is applied and the consumer has nothing pending or unacked. */
    private void turnsUntilDrained(TestAgent agent, JetStreamBroker admin, long deadline) {
        while (System.nanoTime() < deadline) {
            try {
                TurnReport report = agent.runTurn();
                failedItems.addAndGet(report.failed() + report.deadLettered());
                if (report.stopReason() == StopReason.BROKER_FAILURE) {
                    log.info("{}: a turn ended with a broker failure after {} items", agent.config().name(), report.done());
                }
                if (applied.size() == ITEMS && admin.status(WORK).equals(new ConsumerStatus(0, 0))) {
                    return;
                }
            } catch (RuntimeException e) {
                log.info("{}: turn or status failed during failover: {}", agent.config().name(), e.toString());
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        throw new AssertionError("not drained within " + DRAIN_TIMEOUT + ": " + applied.size() + " applied");
    }

    private void assertNothingLeft(JetStreamBroker admin) {
        RealTime.await("the consumer to settle", Duration.ofSeconds(30),
                () -> admin.status(WORK).equals(new ConsumerStatus(0, 0)));
        // after a whole-cluster restart the dead-letter stream may still be electing its leader
        boolean[] none = {false};
        RealTime.await("the dead-letter stream to answer", Duration.ofSeconds(30), () -> {
            try {
                none[0] = admin.readMessage(Topology.DEAD_LETTER, 1).isEmpty();
                return true;
            } catch (BrokerException e) {
                if (!e.isTransient()) {
                    throw e;
                }
                return false;
            }
        });
        assertThat(none[0]).as("no dead letters").isTrue();
    }

    private JetStreamBroker provision() {
        JetStreamBroker admin = track(JetStreamBroker.connect(config()));
        admin.provision(TOPOLOGY, Map.of("worker", "backend"));
        return admin;
    }

    private void publish(JetStreamBroker broker, int n) {
        for (int i = 1; i <= n; i++) {
            broker.publish(TOPOLOGY.requirementSubject("backend"),
                    Envelope.ofJson(Map.of("id", "REQ-" + i)).withMessageId("REQ-" + i));
        }
    }

    /** An instance of agent "worker" with its own connection to every node and the shared R3 KV stores. */
    private TestAgent agent(String instance, TurnBudget budget) {
        JetStreamBroker broker = track(JetStreamBroker.connect(config()));
        AgentRuntime runtime = AgentRuntime.builder(broker).topology(TOPOLOGY)
                .processedStore(KvProcessedStore.open(broker.connection(), "processed_cluster", Duration.ZERO,
                        AgentClock.system(), 3))
                .stateStore(KvStateStore.open(broker.connection(), "state_cluster", 3))
                .build();
        AgentConfig config = AgentConfig.builder("worker").role("backend").budget(budget)
                .fetchBatch(10).failureDelay(Duration.ofSeconds(1)).build();
        log.debug("instance {} of worker", instance);
        return new TestAgent(config, runtime);
    }

    private static NatsConnectionConfig config() {
        return NatsConnectionConfig.builder().servers(cluster.urls())
                .reconnectWait(Duration.ofMillis(200), Duration.ofMillis(50)).build();
    }

    private <T extends AutoCloseable> T track(T closeable) {
        opened.add(closeable);
        return closeable;
    }
}
