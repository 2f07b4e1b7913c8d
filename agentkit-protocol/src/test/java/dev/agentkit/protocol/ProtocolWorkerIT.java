package dev.agentkit.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkit.core.agent.AgentDefinition;
import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.internal.message.Json;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.TurnBudget;
import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.nats.JetStreamBroker;
import dev.agentkit.nats.connect.NatsConnectionConfig;
import dev.agentkit.testing.chat.InMemoryChat;
import dev.agentkit.testing.nats.JetStreamCleanup;
import dev.agentkit.testing.nats.NatsServerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Roy's work done by a real protocol agent: a Python host made with synadia-ai-agent-service
 * ({@code src/test/python/host.py}), found by discovery on a real nats-server, with the team's
 * queues on JetStream and a fake chat where douglas is the allow-listed human.
 */
class ProtocolWorkerIT {
    @RegisterExtension
    static final NatsServerExtension NATS = new NatsServerExtension();
    static final AgentSelector HOST = new AgentSelector("pyhost", "acme", "roy-worker");
    static final String DOUGLAS = "@douglas:localhost";

    @TempDir
    Path dir;
    Topology topology = Topology.workshopDefault();
    JetStreamBroker broker;
    InMemoryChat chat;
    ProtocolWorker roy;
    String systemPrompt;

    @BeforeEach
    void team() {
        team(Topology.workshopDefault());
    }

    void team(Topology t) {
        if (broker != null) {
            close();
        }
        topology = t;
        broker = JetStreamBroker.connect(NatsConnectionConfig.builder().servers(NATS.fixture().url()).build());
        broker.provision(topology, Map.of("roy", "backend"));
        chat = new InMemoryChat(AgentClock.system());
        chat.allowCommands(DOUGLAS);
        AgentRuntime runtime = AgentRuntime.builder(broker).topology(topology).chat(chat.portFor("roy")).build();
        AgentDefinition sheet = AgentDefinition.parse(Peers.repoRoot().resolve("examples/agents/roy.md"));
        systemPrompt = sheet.systemPrompt();
        ProtocolWorkerConfig worker = ProtocolWorkerConfig.builder(HOST).systemPrompt(sheet)
                .silence(Duration.ofSeconds(3)).retryDelay(Duration.ofSeconds(1)).discoveryWait(Duration.ofMillis(300))
                .queryTimeout(Duration.ofSeconds(20)).chatPoll(Duration.ofMillis(100)).build();
        AgentConfig config = AgentConfig.builder("roy").role("backend").room("backend").budget(TurnBudget.items(10)).build();
        roy = new ProtocolWorker(config, runtime, broker.connection(), worker);
    }

    @AfterEach
    void close() {
        JetStreamCleanup.deleteStreams(broker.connection(), topology);
        broker.close();
    }

    @Test
    void aPythonHostIsDiscoveredAndDoesThreeItemsAsRoysWorkerOneAskingAQueryAnAllowListedHumanAnswers() throws Exception {
        Path events = dir.resolve("events.jsonl");
        try (PeerProcess host = host(events)) {
            assertThat(host.alive()).isTrue();
            work("REQ-101", Map.of("title", "Add login endpoint"));
            work("REQ-102", Map.of("title", "Pick the error banner", "note", "ASK: which colour is the error banner?"));
            work("REQ-103", Map.of("title", "Document the API"));
            CompletableFuture<Void> humans = CompletableFuture.runAsync(() -> {
                await("roy to put the host's question in #backend", Duration.ofSeconds(30),
                        () -> chat.texts("backend").stream().anyMatch(t -> t.contains("which colour is the error banner?")));
                chat.say("@mallory:localhost", "backend", "roy: red");   // not allow-listed: ignored
                chat.say(DOUGLAS, "backend", "roy: blue");
            });

            TurnReport report = roy.runTurn();

            humans.get(5, TimeUnit.SECONDS);
            assertThat(report.done()).as(report.summary()).isEqualTo(3);
            List<JsonNode> seen = read(events);
            assertThat(seen).filteredOn(e -> e.path("event").asText().equals("received"))
                    .extracting(e -> e.path("item").asText()).containsExactly("REQ-101", "REQ-102", "REQ-103");
            assertThat(seen).filteredOn(e -> e.path("event").asText().equals("received"))
                    .allSatisfy(e -> assertThat(e.path("first_line").asText()).isEqualTo(systemPrompt.lines().findFirst().orElseThrow()));
            assertThat(seen).filteredOn(e -> e.path("event").asText().equals("answer"))
                    .singleElement().satisfies(e -> assertThat(e.path("text").asText()).isEqualTo("blue"));
            assertThat(seen).filteredOn(e -> e.path("event").asText().equals("completed")).hasSize(3);
            assertThat(roy.runTurn().humanMessages()).as("the answers are read again by the next turn's chat step").isEqualTo(2);
        }
    }

    @Test
    void aHostKilledMidItemLeavesTheItemRedeliveredAndDoneOnceWhenItComesBack() throws Exception {
        Path events = dir.resolve("events.jsonl");
        TurnReport first;
        try (PeerProcess host = host(events, "--hold", "SLOW")) {
            work("REQ-201", Map.of("title", "SLOW migration of the users table"));
            CompletableFuture<TurnReport> turn = CompletableFuture.supplyAsync(roy::runTurn);
            await("the host to start on REQ-201", Duration.ofSeconds(30),
                    () -> read(events).stream().anyMatch(e -> e.path("event").asText().equals("holding")));
            host.kill();
            first = turn.get(30, TimeUnit.SECONDS);
        }
        assertThat(first.done()).isZero();
        assertThat(first.retried()).as(first.summary()).isEqualTo(1);
        assertThat(first.deadLettered()).isZero();

        int done = 0;
        try (PeerProcess back = host(events)) {
            assertThat(back.alive()).isTrue();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (done == 0 && System.nanoTime() < deadline) {
                done += roy.runTurn().done();
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            }
            assertThat(roy.runTurn().pulled()).isZero();
        }
        assertThat(done).isEqualTo(1);
        List<JsonNode> seen = read(events);
        assertThat(seen).filteredOn(e -> e.path("event").asText().equals("received")).hasSize(2);
        assertThat(seen).filteredOn(e -> e.path("event").asText().equals("completed"))
                .extracting(e -> e.path("item").asText()).containsExactly("REQ-201");
        var status = broker.status(ConsumerRef.of(topology.consumersFor("roy", "backend").work()));
        assertThat(status.pending() + status.ackPending()).isZero();
    }

    @Test
    void keepAlivesHoldTheWaitOpenAndTheTurnKeepsALongItemInProgressPastItsAckWait() throws Exception {
        team(Topology.builder().ackWait(Duration.ofSeconds(2)).build());
        Path events = dir.resolve("events.jsonl");
        try (PeerProcess host = host(events, "--slow", "LONG:5")) {
            assertThat(host.alive()).isTrue();
            work("REQ-301", Map.of("title", "LONG report, five seconds of work against a two-second ack wait"));

            TurnReport report = roy.runTurn();

            assertThat(report.done()).as(report.summary()).isEqualTo(1);
            assertThat(roy.runTurn().pulled()).as("no redelivery: the delivery was kept in progress").isZero();
        }
        assertThat(read(events)).filteredOn(e -> e.path("event").asText().equals("received")).hasSize(1);
    }

    private PeerProcess host(Path events, String... extra) throws IOException, InterruptedException {
        List<String> args = new java.util.ArrayList<>(List.of("--url", NATS.fixture().url(), "--agent", HOST.agent(),
                "--owner", HOST.owner(), "--name", HOST.name(), "--events", events.toString()));
        args.addAll(List.of(extra));
        PeerProcess p = PeerProcess.python("host.py", args.toArray(String[]::new));
        p.awaitLine("ready", Duration.ofSeconds(30));
        return p;
    }

    private void work(String id, Map<String, String> body) {
        java.util.Map<String, String> b = new java.util.LinkedHashMap<>(body);
        b.put("id", id);
        broker.publish(topology.requirementSubject("backend"), Envelope.ofJson(b).withMessageId(id));
    }

    static List<JsonNode> read(Path events) {
        try {
            return Files.exists(events) ? Files.readAllLines(events).stream().map(l -> Json.read(l, JsonNode.class)).toList() : List.of();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }
}
