package dev.agentkit.nats;

import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.store.ProcessedStore;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.ItemEvent;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.StopReason;
import dev.agentkit.core.turn.TurnBasedAgent;
import dev.agentkit.core.turn.TurnBudget;
import dev.agentkit.core.turn.TurnListener;
import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.core.turn.TurnStart;
import dev.agentkit.core.turn.WorkItem;
import dev.agentkit.nats.connect.NatsConnectionConfig;
import dev.agentkit.nats.kv.KvProcessedStore;
import dev.agentkit.nats.kv.KvStateStore;
import dev.agentkit.nats.kv.KvTurnLease;
import dev.agentkit.nats.kv.LeaseExpiry;
import io.nats.client.Connection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

/**
 * The child JVM of {@link AgentKillRestartIT}: one incarnation ("life") of an agent that drains
 * its work queue on a real nats-server with the KV processed store, state store and turn lease,
 * running turns back to back until the consumer has nothing pending or ack-pending, then exits
 * 0. The test SIGKILLs it at random moments and starts the next life.
 *
 * <p>What it does goes to a journal shared by all lives, one line per event, each written with
 * one {@code write(2)} on a file opened for append (the page cache keeps what a SIGKILL'd process
 * wrote): {@code start <id> life=<n> pid=<pid> delivery=<n>} as {@code processWork} begins,
 * {@code marked <id> life=<n>} once the processed store holds its mark, {@code done <id> life=<n>}
 * once the turn acked the item, {@code failed <id> ...} for anything
 * not done, {@code turn-start <turnId> life=<n>} and {@code turn <turnId> life=<n> ...} at each
 * turn's start and end, and {@code drained life=<n>}
 * before a clean exit. Each item's work takes a random few milliseconds and announces
 * {@value #EVENT} with the item's id.
 */
final class KillableDrainAgent extends TurnBasedAgent {
    static final String EVENT = "done_item";
    /** A life that is never killed gives up after this long (exit 2), so no child outlives a broken test. */
    private static final Duration MAX_LIFE = Duration.ofMinutes(4);
    private static final long IDLE_NANOS = Duration.ofMillis(20).toNanos();

    private final Journal journal;
    private final int life;
    private final Random random;
    private final int maxWorkMicros;

    private KillableDrainAgent(AgentConfig config, AgentRuntime runtime, Journal journal, int life, Random random,
                               int maxWorkMicros) {
        super(config, runtime);
        this.journal = journal;
        this.life = life;
        this.random = random;
        this.maxWorkMicros = maxWorkMicros;
    }

    @Override
    protected Outcome processWork(WorkItem item) {
        journal.write("start " + item.id() + " life=" + life + " pid=" + ProcessHandle.current().pid()
                + " delivery=" + item.deliveryCount());
        LockSupport.parkNanos(random.nextInt(maxWorkMicros + 1) * 1000L); // the item's work takes a while
        announce(EVENT, Map.of("item", item.id(), "life", life));
        return Outcome.done();
    }

    /**
     * Arguments: server URL, journal file, life number, agent name, role, store suffix (the KV
     * buckets' names), ack wait and lease TTL in milliseconds, max deliveries, the longest work of
     * one item in microseconds, the random seed.
     */
    public static void main(String[] args) throws Exception {
        exitWhenTheParentGoes();
        String url = args[0];
        Journal journal = new Journal(Path.of(args[1]));
        int life = Integer.parseInt(args[2]);
        String agentName = args[3];
        String role = args[4];
        String stores = args[5];
        Topology topology = topology(Duration.ofMillis(Long.parseLong(args[6])), Integer.parseInt(args[8]));
        Duration leaseTtl = Duration.ofMillis(Long.parseLong(args[7]));
        int maxWorkMicros = Integer.parseInt(args[9]);
        Random random = new Random(Long.parseLong(args[10]) * 31 + life);

        JetStreamBroker broker = JetStreamBroker.connect(NatsConnectionConfig.builder().servers(url)
                .reconnectWait(Duration.ofMillis(200), Duration.ofMillis(50)).build());
        Connection nc = broker.connection();
        AgentRuntime runtime = AgentRuntime.builder(broker).topology(topology)
                .processedStore(new JournaledMarks(KvProcessedStore.open(nc, "processed_" + stores, Duration.ZERO,
                        AgentClock.system()), agentName + ".", journal, life))
                .stateStore(KvStateStore.open(nc, "state_" + stores))
                .lease(KvTurnLease.open(nc, "leases_" + stores, AgentClock.system(), LeaseExpiry.AUTO))
                .listener(journalListener(journal, life))
                .build();
        AgentConfig config = AgentConfig.builder(agentName).role(role).budget(TurnBudget.items(10))
                .failureDelay(Duration.ofSeconds(1)).blockedDelay(Duration.ofSeconds(1)).leaseTtl(leaseTtl).build();
        KillableDrainAgent agent = new KillableDrainAgent(config, runtime, journal, life, random, maxWorkMicros);
        ConsumerRef work = ConsumerRef.of(topology.consumersFor(agentName, role).work());
        journal.write("up life=" + life + " pid=" + ProcessHandle.current().pid());

        long deadline = System.nanoTime() + MAX_LIFE.toNanos();
        while (System.nanoTime() < deadline) {
            TurnReport report = agent.runTurn();
            if (report.pulled() > 0) {
                continue;
            }
            if (report.stopReason() != StopReason.LEASE_HELD && !broker.status(work).hasWork()) {
                journal.write("drained life=" + life);
                broker.close();
                System.exit(0);
            }
            // the lease of a killed life has not run out yet, or a killed life's delivery waits out its ack wait
            LockSupport.parkNanos(IDLE_NANOS);
        }
        journal.write("gave-up life=" + life);
        System.exit(2);
    }

    /** The topology of the test: short ack wait, so a killed life's item comes back soon; deliveries to spare. */
    static Topology topology(Duration ackWait, int maxDeliver) {
        return Topology.builder().ackWait(ackWait).maxDeliver(maxDeliver).build();
    }

    private static TurnListener journalListener(Journal journal, int life) {
        return new TurnListener() {
            @Override
            public void itemDone(ItemEvent item) {
                journal.write("done " + item.itemId() + " life=" + life);
            }

            @Override
            public void itemFailed(ItemEvent item) {
                journal.write("failed " + item.itemId() + " life=" + life + " " + item.result() + " " + item.detail());
            }

            @Override
            public void turnStarted(TurnStart start) {
                journal.write("turn-start " + start.turnId() + " life=" + life);
            }

            @Override
            public void turnEnded(TurnReport r) {
                journal.write("turn " + r.turnId() + " life=" + life + " pulled=" + r.pulled() + " done=" + r.done()
                        + " duplicates=" + r.duplicates() + " stop=" + r.stopReason());
            }
        };
    }

    /** The test holds the other end of stdin: when the test JVM dies, so does this one. */
    private static void exitWhenTheParentGoes() {
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // nothing is sent; end of stream means the parent is gone
                }
            } catch (IOException e) {
                // the same
            }
            Runtime.getRuntime().halt(3);
        }, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** The KV processed store, journaling each mark once the store has it. */
    private record JournaledMarks(ProcessedStore store, String keyPrefix, Journal journal, int life)
            implements ProcessedStore {
        @Override
        public boolean isProcessed(String key) {
            return store.isProcessed(key);
        }

        @Override
        public void markProcessed(String key) {
            store.markProcessed(key);
            String item = key.startsWith(keyPrefix) ? key.substring(keyPrefix.length()) : key;
            journal.write("marked " + item + " life=" + life);
        }
    }

    /** An append-only file, one unbuffered write per line. */
    private static final class Journal {
        private final FileChannel channel;

        Journal(Path file) throws IOException {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }

        synchronized void write(String line) {
            try {
                ByteBuffer b = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
                while (b.hasRemaining()) {
                    channel.write(b);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
