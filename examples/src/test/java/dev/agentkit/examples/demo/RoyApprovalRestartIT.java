package dev.agentkit.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.ConsumerStatus;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.chat.ChatPort;
import dev.agentkit.core.chat.Rooms;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.message.Headers;
import dev.agentkit.core.oversight.ApprovalBook;
import dev.agentkit.core.oversight.PendingApproval;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.core.topology.ConsumerSpec;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.examples.team.Workspaces;
import dev.agentkit.matrix.client.Secret;
import dev.agentkit.nats.JetStreamBroker;
import dev.agentkit.nats.connect.NatsConnectionConfig;
import dev.agentkit.nats.kv.KvStateStore;
import dev.agentkit.testing.matrix.SynapseExtension;
import dev.agentkit.testing.matrix.SynapseServer;
import dev.agentkit.testing.nats.NatsServerFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 19's "done when", on a real nats-server and a real Synapse: Roy (in a child JVM,
 * {@link RoyProcess}) asks in {@code #backend} before a migration runs; the process is SIGKILLed
 * by its PID and started again; a stranger's {@code approve} is ignored; an allow-listed human's
 * {@code approve} brings the item back and Roy's next turn completes it, on the same delivery
 * count as when it asked, with nothing redelivered while it waited; a second {@code approve} does
 * nothing; a {@code deny} dead-letters the next migration with the reason.
 */
@ExtendWith(SynapseExtension.class)
class RoyApprovalRestartIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String DOUGLAS = "@" + TeamWorld.HUMAN + ":" + SynapseServer.SERVER_NAME;
    /** What {@code Process.destroyForcibly()} ends a child with on Linux: 128 + SIGKILL (9). */
    private static final int SIGKILL_EXIT = 137;

    private final NatsServerFixture nats = NatsServerFixture.start();
    private final Topology topology = Topology.workshopDefault();
    private final String suffix = Long.toHexString(System.nanoTime());
    /** Items named anew per run: the homeserver (and its rooms' history) is shared with the other tests. */
    private final String asked = "REQ-5" + suffix.substring(suffix.length() - 4);
    private final String denied = "REQ-6" + suffix.substring(suffix.length() - 4);
    private Process life;

    @AfterEach
    void stop() throws InterruptedException {
        if (life != null && life.isAlive()) {
            life.destroyForcibly();
            life.waitFor(10, TimeUnit.SECONDS);
        }
        nats.close();
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void royAsksIsKilledAndRestartedAndTheHumansApproveCompletesTheItem(SynapseServer synapse) throws Exception {
        for (String name : List.of("roy", "mallory", TeamWorld.HUMAN)) {
            synapse.user(name);
        }
        MatrixTeamChat chat = new MatrixTeamChat(synapse.baseUrl(), SynapseServer.SERVER_NAME,
                List.of("roy", "mallory"),
                name -> Secret.of(synapse.user(name).password()));
        ChatPort mallory = chat.seat("mallory");
        Path dir = Files.createTempDirectory("agentkit-approval-it-");
        Path workspace = Workspaces.init(Files.createDirectories(dir.resolve("workspace")), "empty");
        Path journal = dir.resolve("journal.txt");
        Files.createFile(journal);
        JetStreamBroker admin = JetStreamBroker.connect(NatsConnectionConfig.builder().servers(nats.url()).build());
        try (admin) {
            admin.provision(topology, Map.of("roy", "backend"));
            ConsumerRef work = ConsumerRef.of(topology.consumersFor("roy", "backend").work());
            ApprovalBook book = new ApprovalBook(KvStateStore.open(admin.connection(), "state_" + suffix),
                    AgentClock.system());
            admin.publish(topology.requirementSubject("backend"),
                    migration(asked, "Add an index on sessions.user_id"));

            life = start(synapse, workspace, journal, dir, 1);
            await("roy's question in #backend", () -> journalHas(journal,
                    "item " + asked + " AWAITING_APPROVAL delivery=1")
                    && logHas(chat, Rooms.BACKEND, "roy: APPROVAL " + asked));
            assertThat(chat.roomLog(Rooms.ALERTS)).anySatisfy(l -> assertThat(l).startsWith("roy: APPROVAL " + asked));
            life.destroyForcibly();
            assertThat(life.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(life.exitValue()).as("life 1 ended by SIGKILL").isEqualTo(SIGKILL_EXIT);
            ConsumerStatus parked = admin.status(work);
            assertThat(parked.pending()).as("nothing waits on the queue").isZero();
            assertThat(parked.ackPending()).as("nothing waits for an ack: no redelivery while parked").isZero();
            assertThat(book.pendingOf("roy")).singleElement().satisfies(e -> assertThat(e.item()).isEqualTo(asked));

            mallory.post(Rooms.BACKEND, "approve " + asked, "mallory-approve-" + suffix);
            life = start(synapse, workspace, journal, dir, 2);
            // life 2 reads the stranger's approve, and may read again what life 1 read before its chat
            // position was saved (a kill can come first): one human message or more, no work pulled
            await("life 2 read the stranger's approve", () -> journalLines(journal).stream()
                    .anyMatch(l -> l.matches("turn roy-\\d+ human=[1-9]\\d* pulled=0 life=2")));
            assertThat(book.pendingOf("roy")).as("a stranger decides nothing").hasSize(1);
            assertThat(journalLines(journal)).noneMatch(l -> l.startsWith("item") && l.endsWith("life=2"));

            chat.humanSays(Rooms.BACKEND, "approve " + asked);
            await("roy's next turn completes " + asked, () -> journalHas(journal,
                    "item " + asked + " DONE delivery=1 id=" + asked + " life=2"));
            await("roy says so in #backend", () -> logHas(chat, Rooms.BACKEND,
                    "roy: " + asked + " done: migration "
                            + "src/models/migrations/add-an-index-on-sessions-user-id.sql ran, "
                            + "approved by " + DOUGLAS));
            assertThat(chat.roomLog(Rooms.BACKEND)).anySatisfy(l -> assertThat(l).startsWith("roy: approved " + asked));
            assertThat(Workspaces.commitSubjects(workspace)).first()
                    .isEqualTo(asked + ": Add an index on sessions.user_id");

            chat.humanSays(Rooms.BACKEND, "approve " + asked + " ");
            await("the second approve is answered", () -> logHas(chat, Rooms.BACKEND,
                    "roy: " + asked + " was already approved by " + DOUGLAS));
            assertThat(journalLines(journal)).filteredOn(l -> l.startsWith("item " + asked)).hasSize(2);
            assertThat(book.find(asked)).hasValueSatisfying(e -> assertThat(e.status())
                    .isEqualTo(PendingApproval.Status.APPROVED));

            admin.publish(topology.requirementSubject("backend"),
                    migration(denied, "Drop the legacy sessions table"));
            await("roy asks about " + denied, () -> logHas(chat, Rooms.BACKEND, "roy: APPROVAL " + denied));
            chat.humanSays(Rooms.ALERTS, "deny " + denied + " not during the release freeze");
            await("the deny dead-letters " + denied, () -> journalHas(journal,
                    "item " + denied + " DEAD_LETTERED delivery=1"));
            Envelope letter = deadLetter(admin);
            assertThat(letter.header(Headers.DEAD_REASON)).contains("migration " + denied + " denied by " + DOUGLAS
                    + ": not during the release freeze");
            ConsumerStatus after = admin.status(work);
            assertThat(after.pending() + after.ackPending()).isZero();
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n--- journal ---\n" + String.join("\n", journalLines(journal))
                    + "\n--- #backend ---\n" + String.join("\n", chat.roomLog(Rooms.BACKEND))
                    + "\n--- last life's log ---\n"
                    + tail(dir), e);
        }
    }

    private static Envelope migration(String id, String statement) {
        return Envelope.ofJson(Map.of("id", id, "statement", statement, "tags", List.of("backend", "migration")))
                .withMessageId(id);
    }

    private Envelope deadLetter(JetStreamBroker admin) {
        ConsumerSpec reader = ConsumerSpec.of(Topology.DEAD_LETTER, "reader", topology.deadLetterSubject("roy"));
        admin.ensureConsumer(reader);
        List<Delivery> letters = admin.fetch(ConsumerRef.of(reader), 10, Duration.ofSeconds(5));
        assertThat(letters).hasSize(1);
        return letters.get(0).envelope();
    }

    private Process start(SynapseServer synapse, Path workspace, Path journal, Path dir, int number)
            throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), RoyProcess.class.getName(), nats.url(),
                synapse.baseUrl().toString(), SynapseServer.SERVER_NAME, synapse.user("roy").password(), DOUGLAS,
                workspace.toString(), DemoWorkspace.locate("agents").toAbsolutePath().toString(), journal.toString(),
                Integer.toString(number), suffix);
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("life-" + number + ".log").toFile()).start();
    }

    private void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (!life.isAlive()) {
                throw new AssertionError("roy's process ended (exit " + life.exitValue() + ") waiting for " + what);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT + " waiting for " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    private static boolean logHas(MatrixTeamChat chat, String room, String start) {
        return chat.roomLog(room).stream().anyMatch(l -> l.startsWith(start));
    }

    private static boolean journalHas(Path journal, String text) {
        return journalLines(journal).stream().anyMatch(l -> l.contains(text));
    }

    private static List<String> journalLines(Path journal) {
        try {
            return Files.readAllLines(journal, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of("(unreadable: " + e + ")");
        }
    }

    private static String tail(Path dir) {
        try (var files = Files.list(dir)) {
            Path last = files.filter(p -> p.getFileName().toString().startsWith("life-")).sorted()
                    .reduce((a, b) -> b).orElse(null);
            if (last == null) {
                return "(none)";
            }
            List<String> lines = Files.readAllLines(last, StandardCharsets.UTF_8);
            return lines.subList(Math.max(0, lines.size() - 60), lines.size()).stream()
                    .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
