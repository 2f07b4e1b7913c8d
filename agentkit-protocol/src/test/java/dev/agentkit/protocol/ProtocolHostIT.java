package dev.agentkit.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkit.core.internal.message.Json;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.DirectMessage;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.TurnBasedAgent;
import dev.agentkit.core.turn.WorkItem;
import dev.agentkit.nats.JetStreamBroker;
import dev.agentkit.nats.connect.NatsConnectionConfig;
import dev.agentkit.testing.nats.JetStreamCleanup;
import dev.agentkit.testing.nats.NatsServerExtension;
import io.nats.client.Message;
import io.nats.client.NKey;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * agentkit's Roy as a protocol agent on a real nats-server, found and prompted by the Python
 * client SDK (synadia-ai-agents, {@code src/test/python/client.py}) and listed by the nats CLI.
 */
class ProtocolHostIT {
    @RegisterExtension
    static final NatsServerExtension NATS = new NatsServerExtension();

    final Topology topology = Topology.workshopDefault();
    JetStreamBroker broker;
    Roy roy;

    /** Roy: does his work items, answers every question with the login API. */
    static final class Roy extends TurnBasedAgent {
        Roy(AgentRuntime runtime) {
            super(AgentConfig.builder("roy").role("backend").room("backend").build(), runtime);
        }

        @Override
        protected Outcome processWork(WorkItem item) {
            return Outcome.done();
        }

        @Override
        protected Optional<String> onQuestion(DirectMessage question) {
            return Optional.of("POST /api/login answers 401 with {\"error\": ...} (you asked: " + question.text() + ")");
        }
    }

    @BeforeEach
    void team() {
        broker = JetStreamBroker.connect(NatsConnectionConfig.builder().servers(NATS.fixture().url()).build());
        broker.provision(topology, Map.of("roy", "backend"));
        roy = new Roy(AgentRuntime.builder(broker).topology(topology).build());
    }

    @AfterEach
    void close() {
        JetStreamCleanup.deleteStreams(broker.connection(), topology);
        broker.close();
    }

    @Test
    void thePythonClientDiscoversRoyReadsItsStatusAndGetsTheAnswerInTheStreamAfterRoysTurn() throws Exception {
        broker.publish(topology.requirementSubject("backend"), Envelope.ofJson(Map.of("id", "REQ-1")).withMessageId("REQ-1"));
        broker.publish(topology.requirementSubject("backend"), Envelope.ofJson(Map.of("id", "REQ-2")).withMessageId("REQ-2"));
        try (ProtocolHost host = ProtocolHost.start(roy, broker.connection(),
                ProtocolHostConfig.builder("acme", "roy").keepAlive(Duration.ofSeconds(1)).build());
             PeerProcess client = client("How does the login API report errors?")) {
            JsonNode found = json(client.awaitLine("{\"event\": \"discovered\"", Duration.ofSeconds(30)));
            assertThat(found.path("instance_id").asText()).isEqualTo(host.instanceId());
            assertThat(found.path("metadata").path("agent").asText()).isEqualTo("agentkit");
            assertThat(found.path("metadata").path("owner").asText()).isEqualTo("acme");
            assertThat(found.path("metadata").path("protocol_version").asText()).isEqualTo("0.3");
            assertThat(found.path("prompt_subject").asText()).isEqualTo("agents.prompt.agentkit.acme.roy");
            assertThat(found.path("queue_group").asText()).isEqualTo("agents");
            assertThat(found.path("prompt_metadata").path("attachments_ok").asText()).isEqualTo("false");
            assertThat(found.path("prompt_metadata").path("min_sender_trust").asText()).isEqualTo("any");

            JsonNode status = json(client.awaitLine("{\"event\": \"status\"", Duration.ofSeconds(10)));
            assertThat(status.path("instance_id").asText()).isEqualTo(host.instanceId());
            assertThat(status.path("paused").asBoolean(true)).isFalse();
            assertThat(status.path("pending").asLong()).isEqualTo(2);
            assertThat(status.path("interval_s").asInt()).isEqualTo(30);

            assertThat(answerWhileTurning(client).path("text").asText())
                    .contains("POST /api/login answers 401").contains("How does the login API report errors?");
            assertThat(client.output()).filteredOn(l -> l.contains("\"status\": \"ack\"")).isNotEmpty();
            assertThat(client.awaitExit(Duration.ofSeconds(10))).contains(0);
        }
    }

    @Test
    void pastTheAnswerWaitTheStreamSaysWhereTheAnswerWillAppearAndKeepAlivesCameMeanwhile() throws Exception {
        try (ProtocolHost host = ProtocolHost.start(roy, broker.connection(), ProtocolHostConfig.builder("acme", "roy")
                .keepAlive(Duration.ofMillis(500)).answerWait(Duration.ofSeconds(2)).build());
             PeerProcess client = client("Anyone there?")) {
            assertThat(host.instanceId()).isNotBlank();
            JsonNode done = json(client.awaitLine("{\"event\": \"done\"", Duration.ofSeconds(30)));
            assertThat(done.path("text").asText()).contains("roy has not answered within PT2S")
                    .contains("work.direct.roy-protocol").contains("Agentkit-Correlation-Id");
            assertThat(client.output()).filteredOn(l -> l.contains("\"status\": \"ack\"")).hasSizeGreaterThanOrEqualTo(3);
        }
        assertThat(roy.runTurn().directMessages()).as("the question waits on the bus for Roy's next turn").isEqualTo(1);
    }

    @Test
    void natsMicroLsListsAgentkitsAgentsWithTheProtocolMetadata() throws Exception {
        try (ProtocolHost host = ProtocolHost.start(roy, broker.connection(), ProtocolHostConfig.builder("acme", "roy").build())) {
            PeerProcess ls = PeerProcess.of(List.of(Peers.natsCli().toString(), "--server", NATS.fixture().url(),
                    "micro", "ls", "agents", "--json"));
            assertThat(ls.awaitExit(Duration.ofSeconds(20))).contains(0);
            JsonNode listed = Json.read(String.join("\n", ls.output()), JsonNode.class);
            assertThat(listed).anySatisfy(s -> {
                assertThat(s.path("name").asText()).isEqualTo("agents");
                assertThat(s.path("id").asText()).isEqualTo(host.instanceId());
                assertThat(s.path("metadata").path("agent").asText()).isEqualTo("agentkit");
                assertThat(s.path("metadata").path("owner").asText()).isEqualTo("acme");
                assertThat(s.path("metadata").path("session").asText()).isEqualTo("roy");
                assertThat(s.path("metadata").path("protocol_version").asText()).isEqualTo("0.3");
            });
        }
    }

    @Test
    void withAnAllowListOnlyAVerifiedListedSenderMayPrompt() throws Exception {
        NKey allowed = NKey.createUser(new SecureRandom());
        NKey stranger = NKey.createUser(new SecureRandom());
        ProtocolHostConfig config = ProtocolHostConfig.builder("acme", "roy")
                .allowSenders(List.of(new String(allowed.getPublicKey()))).build();
        try (ProtocolHost host = ProtocolHost.start(roy, broker.connection(), config)) {
            assertThat(host.instanceId()).isNotBlank();
            String subject = config.promptSubject();
            assertThat(first(subject, null)).satisfies(m -> assertThat(m.getHeaders().getFirst(Protocol.ERROR_CODE_HEADER)).isEqualTo("401"));
            assertThat(first(subject, stranger)).satisfies(m -> assertThat(m.getHeaders().getFirst(Protocol.ERROR_CODE_HEADER)).isEqualTo("403"));
            assertThat(first(subject, allowed)).satisfies(m -> {
                assertThat(m.getHeaders()).isNull();
                assertThat(new String(m.getData(), StandardCharsets.UTF_8)).contains("\"ack\"");
            });
        }
    }

    /** The first message of a prompt's stream, the request signed by {@code signer} when there is one. */
    private Message first(String subject, NKey signer) throws Exception {
        var nc = broker.connection();
        String inbox = nc.createInbox();
        Subscription sub = nc.subscribe(inbox);
        try {
            byte[] body = "{\"prompt\":\"hello\"}".getBytes(StandardCharsets.UTF_8);
            Headers headers = new Headers();
            if (signer != null) {
                headers.put(Protocol.SENDER_HEADER, SenderCheckTest.header(signer, "ACME", subject,
                        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), "n" + System.nanoTime(), body));
            }
            nc.publish(NatsMessage.builder().subject(subject).replyTo(inbox).headers(headers).data(body).build());
            Message m = sub.nextMessage(Duration.ofSeconds(5));
            assertThat(m).as("a reply on " + subject).isNotNull();
            return m;
        } finally {
            sub.unsubscribe();
        }
    }

    private PeerProcess client(String prompt) throws Exception {
        return PeerProcess.python("client.py", "--url", NATS.fixture().url(), "--agent", "agentkit", "--owner", "acme",
                "--name", "roy", "--prompt", prompt);
    }

    /** Runs Roy's turns until the client prints the end of its stream (bounded). */
    private JsonNode answerWhileTurning(PeerProcess client) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            roy.runTurn();
            Optional<String> done = new ArrayList<>(client.output()).stream().filter(l -> l.startsWith("{\"event\": \"done\"")).findFirst();
            if (done.isPresent()) {
                return json(done.get());
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        throw new AssertionError("no answer in the stream within 30 s: " + client.output());
    }

    private static JsonNode json(String line) {
        return Json.read(line, JsonNode.class);
    }

    static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
