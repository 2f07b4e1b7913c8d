package dev.agentkit.nats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.ConsumerStatus;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.message.Headers;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.nats.kv.KvProcessedStore;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StreamState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kill test of agentkit's first promise, nothing lost and nothing doubled: an agent in its own
 * JVM ({@link KillableDrainAgent}) drains 500 items from a real nats-server with the KV processed
 * store, state store and turn lease, while this test SIGKILLs it at random moments 30 times and
 * starts it again; a last life drains what is left and exits. Then every item is acked and
 * marked processed, nothing is pending, ack-pending or dead-lettered, every item's announcement
 * is stored exactly once, no item was acked before its processed mark was stored, and an item's
 * {@code processWork} ran more than once only when a kill interrupted an earlier run (started in
 * a killed life that neither stored its processed mark nor acked it).
 *
 * <p>A kill comes after a random number (0 to 16) of item starts of the new life, plus a random
 * pause: a few milliseconds, or up to 1.5 s when it waits for no start (then the kill lands in
 * start-up, connecting, the lease or the state load). The seed is logged; set
 * {@code -Dagentkit.kill.seed=N} to run one again. The journal and each life's log stay in
 * {@code target/kill-restart/seed-N/}.
 */
class AgentKillRestartIT extends RealNatsSupport {
    private static final Logger log = LoggerFactory.getLogger(AgentKillRestartIT.class);
    private static final int ITEMS = 500;
    private static final int KILLS = 30;
    /** At most this many item starts before a kill (8 on average): the killed lives leave most items to the last. */
    private static final int MAX_STARTS_BEFORE_KILL = 16;
    private static final Duration ACK_WAIT = Duration.ofSeconds(2);
    /** A killed life's lease must run out before the next life's first turn, so it is short. */
    private static final Duration LEASE_TTL = Duration.ofSeconds(2);
    private static final int MAX_DELIVER = 50;
    private static final int MAX_WORK_MICROS = 8_000;
    private static final Duration LIFE_PROGRESS_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration LAST_LIFE_TIMEOUT = Duration.ofSeconds(90);
    /** What {@code Process.destroyForcibly()} ends a child with on Linux: 128 + SIGKILL (9). */
    private static final int SIGKILL_EXIT = 137;

    private final Topology topology = KillableDrainAgent.topology(ACK_WAIT, MAX_DELIVER);
    private final String agent = "kay" + id;
    private final String role = "backend";
    private final ConsumerRef work = ConsumerRef.of(topology.consumersFor(agent, role).work());

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void anAgentKilledThirtyTimesMidDrainLosesNothingAndDoublesNothing() throws Exception {
        long seed = Long.getLong("agentkit.kill.seed", System.nanoTime());
        Random random = new Random(seed);
        Path dir = Path.of("target", "kill-restart", "seed-" + seed).toAbsolutePath();
        DrainJournal journal = new DrainJournal(dir.resolve("journal.txt"));
        log.info("kill test: seed {} ({} items, {} kills), journal {}", seed, ITEMS, KILLS, journal.file());
        long began = System.nanoTime();

        JetStreamBroker admin = broker();
        admin.provision(topology, Map.of(agent, role));
        for (int i = 1; i <= ITEMS; i++) {
            admin.publish(topology.requirementSubject(role), Envelope.ofJson(Map.of("id", item(i))).withMessageId(item(i)));
        }

        Set<Integer> killed = new TreeSet<>();
        for (int life = 1; life <= KILLS; life++) {
            int starts = random.nextInt(MAX_STARTS_BEFORE_KILL + 1);
            long pauseMicros = starts == 0 ? random.nextInt(1_500_000) : random.nextInt(30_000);
            try (Life child = Life.start(this, life, journal, dir, seed)) {
                child.awaitStarts(journal, starts);
                RealTime.pass(Duration.ofNanos(pauseMicros * 1000)); // the random moment of the kill
                int exit = child.kill();
                assertThat(exit).as("life %d ended by SIGKILL", life).isEqualTo(SIGKILL_EXIT);
                killed.add(life);
                log.info("life {} (pid {}) killed after {} starts + {} us ({} starts seen)", life, child.pid(),
                        starts, pauseMicros, child.startsSeen);
            }
        }
        int lastExit;
        Path lastLog;
        try (Life child = Life.start(this, KILLS + 1, journal, dir, seed)) {
            lastExit = child.awaitExit(LAST_LIFE_TIMEOUT);
            lastLog = child.logFile;
        }
        long drainedAfter = System.nanoTime() - began;

        DrainJournal.Items items = new DrainJournal.Items(journal.entries());
        Announcements announced = announcements(admin.connection());
        logCounts(seed, killed, TimeUnit.NANOSECONDS.toMillis(drainedAfter), items, announced);

        SoftAssertions soft = new SoftAssertions(); // every broken guarantee at once, not just the first
        soft.assertThat(killed).as("lives killed").hasSize(KILLS);
        soft.assertThat(lastExit).as("exit of the last life, which drains the queue (-1: still running after %s); "
                + "its log: %s", LAST_LIFE_TIMEOUT, lastLog).isZero();
        assertBrokerSide(soft, admin, announced);
        assertJournal(soft, items, killed);
        soft.assertAll();
    }

    /** Nothing pending, ack-pending or dead-lettered; every item marked and announced once. */
    private void assertBrokerSide(SoftAssertions soft, JetStreamBroker admin, Announcements announced)
            throws IOException, JetStreamApiException {
        ConsumerStatus status = admin.status(work);
        soft.assertThat(status.pending()).as("items never delivered").isZero();
        soft.assertThat(status.ackPending()).as("items delivered and never acked").isZero();
        soft.assertThat(messagesIn(admin.connection(), Topology.DEAD_LETTER)).as("dead letters").isZero();
        KvProcessedStore processed = KvProcessedStore.open(admin.connection(), "processed_" + id, Duration.ZERO,
                AgentClock.system());
        soft.assertThat(allItems().stream().filter(i -> !processed.isProcessed(agent + "." + i)))
                .as("items without a processed mark").isEmpty();
        soft.assertThat(announced.perItem().keySet()).as("items announced").containsExactlyInAnyOrderElementsOf(allItems());
        soft.assertThat(announced.perItem().entrySet().stream().filter(e -> e.getValue() != 1).map(Map.Entry::getKey))
                .as("items announced more than once").isEmpty();
        soft.assertThat(announced.repeatedMessageIds()).as("message ids stored twice in INTEGRATION").isEmpty();
    }

    /** Every item ran, nothing failed, marks came before acks, and only kills explain repeated runs. */
    private static void assertJournal(SoftAssertions soft, DrainJournal.Items items, Set<Integer> killed) {
        soft.assertThat(items.startedIn.keySet()).as("items whose processWork ran")
                .containsExactlyInAnyOrderElementsOf(allItems());
        soft.assertThat(items.failures).as("items that failed, were retried or dead-lettered").isEmpty();
        soft.assertThat(items.ackedUnmarked).as("items acked before their processed mark was stored").isEmpty();
        soft.assertThat(items.interruptedBefore(items.markedIn, killed))
                .as("items run more than once are among those a kill interrupted before the mark")
                .containsAll(items.ranMoreThanOnce());
        soft.assertThat(items.unexplainedRepeats(killed)).as("runs repeated without a kill to explain them").isEmpty();
        soft.assertThat(items.reusedTurnIds()).as("turn ids begun by more than one life (scenario 3: ids reused after a crash)")
                .isEmpty();
    }

    private static List<String> allItems() {
        return IntStream.rangeClosed(1, ITEMS).mapToObj(AgentKillRestartIT::item).toList();
    }

    private static void logCounts(long seed, Set<Integer> killed, long drainedMs, DrainJournal.Items items,
                                  Announcements announced) {
        Set<String> interrupted = items.interruptedBefore(items.markedIn, killed);
        Set<String> markedNotAcked = new TreeSet<>(items.interruptedBefore(items.doneIn, killed));
        markedNotAcked.removeAll(interrupted);
        Map<String, Set<Integer>> reusedTurns = items.reusedTurnIds();
        log.info("kill test: seed {}, {} kills ({}), drained in {} ms; {} runs of processWork for {} items; "
                        + "{} ran more than once, {} had a run a kill interrupted before the processed mark, {} between "
                        + "mark and ack; {} re-runs' announcements dropped as duplicates; {} redeliveries of processed "
                        + "items skipped (in turns that ended); {} turn ids begun by more than one life {}",
                seed, killed.size(), items.killPhases(killed), drainedMs,
                items.startedIn.values().stream().mapToInt(List::size).sum(), items.startedIn.size(),
                items.ranMoreThanOnce().size(), interrupted.size(), markedNotAcked.size(), announced.deduplicated(items),
                items.duplicatesSkipped, reusedTurns.size(), reusedTurns);
    }

    private static String item(int i) {
        return String.format("ITEM-%03d", i);
    }

    /** What the INTEGRATION stream holds of the test's announcements: how many per item, and message ids seen twice. */
    private record Announcements(Map<String, Integer> perItem, Map<String, Integer> lifeOf,
                                 List<String> repeatedMessageIds) {
        /** Items run more than once whose stored announcement is an earlier run's: the later publish was a duplicate. */
        long deduplicated(DrainJournal.Items items) {
            return items.ranMoreThanOnce().stream().filter(id -> {
                List<Integer> lives = items.startedIn.get(id);
                return !lifeOf.getOrDefault(id, -1).equals(lives.get(lives.size() - 1));
            }).count();
        }
    }

    /** Reads the INTEGRATION stream message by message. */
    private Announcements announcements(Connection nc) throws IOException, JetStreamApiException {
        JetStreamManagement jsm = nc.jetStreamManagement();
        StreamState s = jsm.getStreamInfo(Topology.INTEGRATION).getStreamState();
        String subject = topology.integrationSubject(KillableDrainAgent.EVENT);
        Map<String, Integer> perItem = new TreeMap<>();
        Map<String, Integer> lifeOf = new TreeMap<>();
        Set<String> messageIds = new HashSet<>();
        List<String> duplicateIds = new ArrayList<>();
        for (long seq = s.getFirstSequence(); seq <= s.getLastSequence() && s.getMsgCount() > 0; seq++) {
            MessageInfo m = jsm.getMessage(Topology.INTEGRATION, seq);
            if (!subject.equals(m.getSubject())) {
                continue;
            }
            JsonNode body = Envelope.of(m.getData(), Map.of()).json();
            String itemId = body.path("item").asText();
            perItem.merge(itemId, 1, Integer::sum);
            lifeOf.putIfAbsent(itemId, body.path("life").asInt());
            String msgId = m.getHeaders() == null ? null : m.getHeaders().getFirst(Headers.MESSAGE_ID);
            if (msgId != null && !messageIds.add(msgId)) {
                duplicateIds.add(msgId);
            }
        }
        return new Announcements(perItem, lifeOf, duplicateIds);
    }

    private static long messagesIn(Connection nc, String stream) throws IOException, JetStreamApiException {
        return nc.jetStreamManagement().getStreamInfo(stream).getStreamState().getMsgCount();
    }

    /** One life of the agent: a child JVM on this test's class path, killed only by its own PID. */
    private static final class Life implements AutoCloseable {
        final int number;
        final Process process;
        final Path logFile;
        int startsSeen;

        private Life(int number, Process process, Path logFile) {
            this.number = number;
            this.process = process;
            this.logFile = logFile;
        }

        static Life start(AgentKillRestartIT test, int number, DrainJournal journal, Path dir, long seed)
                throws IOException {
            String java = ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            Path logFile = dir.resolve(String.format("life-%02d.log", number));
            List<String> command = List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-Xmx128m", "-cp", System.getProperty("java.class.path"), KillableDrainAgent.class.getName(),
                    NATS.fixture().url(), journal.file().toString(), Integer.toString(number), test.agent, test.role,
                    test.id, Long.toString(ACK_WAIT.toMillis()), Long.toString(LEASE_TTL.toMillis()),
                    Integer.toString(MAX_DELIVER), Integer.toString(MAX_WORK_MICROS), Long.toString(seed));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
            return new Life(number, p, logFile);
        }

        long pid() {
            return process.pid();
        }

        /** Waits until the journal shows {@code n} item starts of this life; fails if it ends first. */
        void awaitStarts(DrainJournal journal, int n) {
            long deadline = System.nanoTime() + LIFE_PROGRESS_TIMEOUT.toNanos();
            while (startsSeen < n) {
                for (DrainJournal.Entry e : journal.poll()) {
                    if (e.life() == number && e.kind().equals("start")) {
                        startsSeen++;
                    }
                }
                if (startsSeen >= n) {
                    return;
                }
                if (!process.isAlive()) {
                    throw new AssertionError("life " + number + " ended (exit " + process.exitValue() + ") after "
                            + startsSeen + " of " + n + " starts; its log: " + tail());
                }
                if (System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) {
                    throw new AssertionError("life " + number + " made " + startsSeen + " of " + n + " starts in "
                            + LIFE_PROGRESS_TIMEOUT + "; its log: " + tail());
                }
                LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
            }
        }

        /** SIGKILLs the child (by its own PID) and returns its exit status. */
        int kill() throws InterruptedException {
            process.destroyForcibly();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new AssertionError("life " + number + " (pid " + pid() + ") survived SIGKILL for 10 s");
            }
            return process.exitValue();
        }

        /** The child's exit status once it ends by itself; -1 if it still runs after {@code timeout}. */
        int awaitExit(Duration timeout) throws InterruptedException {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
        }

        private String tail() {
            try {
                List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
                return lines.subList(Math.max(0, lines.size() - 40), lines.size()).stream()
                        .collect(Collectors.joining("\n", "\n", ""));
            } catch (IOException e) {
                return "(unreadable: " + e + ")";
            }
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
