package dev.agentkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.internal.message.Json;
import dev.agentkit.core.oversight.ApprovalBook;
import dev.agentkit.core.oversight.ApprovalOptions;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.nats.JetStreamBroker;
import dev.agentkit.nats.connect.NatsConnectionConfig;
import dev.agentkit.nats.kv.KvStateStore;
import dev.agentkit.testing.nats.NatsServerFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The workshop's Exercises 3.1 and 3.2 from a shell, on a real nats-server with the real
 * {@code nats} CLI and the agentkit commands (run in-process, as picocli's {@code execute}):
 * the hand-made topology is reported by {@code provision --dry-run}, refused while the 3.2
 * streams overlap, then provisioned; Roy's turn acks a requirement published with
 * {@code nats pub} and announces it; Jen's turn sees the announcement; a message pulled without
 * an ack comes back after the ack wait; then status, dead letters and retry against the server.
 * The steps share one server and one team, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliIT {
    private static NatsServerFixture server;
    private static NatsCli nats;
    private static Path team;

    @BeforeAll
    static void start() throws Exception {
        server = NatsServerFixture.startWith();
        nats = NatsCli.require(server.url());
        team = TeamDirs.init("ackWait: 30s", "ackWait: 2s");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static CliRun agentkit(String... args) {
        return CliRun.in(team, server.url(), args);
    }

    @Test
    @Order(1)
    void theHandMadeTopologyIsReportedThenRefusedWhileItOverlapsThenProvisioned() {
        // Exercise 3.1, Part B, as typed in the workshop (--defaults answers the prompts)
        nats.run("stream", "add", "REQUIREMENTS", "--subjects", "work.requirements.*", "--retention", "limits", "--defaults");
        nats.run("stream", "add", "INTEGRATION", "--subjects", "work.integration.*", "--retention", "limits", "--defaults");
        nats.run("stream", "add", "DIRECT", "--subjects", "work.direct.*", "--retention", "limits", "--defaults");
        for (String[] c : new String[][] {{"REQUIREMENTS", "roy", "work.requirements.backend"},
                {"REQUIREMENTS", "jen", "work.requirements.frontend"}, {"DIRECT", "roy", "work.direct.roy"},
                {"DIRECT", "jen", "work.direct.jen"}}) {
            nats.run("consumer", "add", c[0], c[1], "--pull", "--ack", "explicit", "--filter", c[2], "--defaults");
        }
        // Exercise 3.2, Part A: streams per work type
        for (String role : List.of("backend", "frontend", "infra")) {
            nats.run("stream", "add", role.toUpperCase() + "_WORK", "--subjects", "work.requirements." + role + ".*",
                    "--defaults");
        }

        CliRun dry = agentkit("provision", "--dry-run").ok();
        assertThat(dry.out())
                .contains("refuse stream REQUIREMENTS: would widen subjects work.requirements.* -> work.requirements.>; "
                        + "max messages unlimited -> 10000; max age unlimited -> 7d, but work.requirements.> overlaps "
                        + "work.requirements.backend.* of stream BACKEND_WORK (remove or narrow BACKEND_WORK first)")
                .contains("update stream INTEGRATION: widen subjects work.integration.* -> work.integration.>")
                .contains("update stream DIRECT: widen subjects work.direct.* -> work.direct.>")
                .contains("create stream ARCHITECTURE: work.architecture.>")
                .contains("update consumer REQUIREMENTS/roy: filter work.requirements.backend -> "
                        + "work.requirements.backend, work.requirements.backend.>; ack wait 30s -> 2s; max deliver unlimited -> 3")
                .contains("create consumer REQUIREMENTS/moss")
                .contains("create kv agentkit_state");
        JsonNode plan = agentkit("provision", "--dry-run", "--json").ok().json();
        assertThat(plan.path("refused").asBoolean()).isTrue();

        CliRun refused = agentkit("provision");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("provisioning refused, nothing changed");
        assertThat(subjects("REQUIREMENTS")).containsExactly("work.requirements.*");
        assertThat(subjects("INTEGRATION")).containsExactly("work.integration.*");

        for (String s : List.of("BACKEND_WORK", "FRONTEND_WORK", "INFRA_WORK")) {
            nats.run("stream", "rm", "-f", s);
        }
        agentkit("provision").ok();
        assertThat(subjects("REQUIREMENTS")).containsExactly("work.requirements.>");
        assertThat(subjects("INTEGRATION")).containsExactly("work.integration.>");
        assertThat(agentkit("provision", "--dry-run").ok().out()).contains("nothing to change");
    }

    @Test
    @Order(2)
    void roysTurnAcksWhatNatsPubPublishedAndAnnouncesItAndJensTurnSeesIt() {
        nats.run("pub", "work.requirements.backend", "{\"id\":\"REQ-001\",\"title\":\"Add login\"}");

        JsonNode roy = agentkit("turn", "roy", "--json").ok().json();

        assertThat(roy.path("done").asInt()).isEqualTo(1);
        JsonNode consumer = Json.tryRead(nats.run("consumer", "info", "REQUIREMENTS", "roy", "--json")
                .getBytes(StandardCharsets.UTF_8)).orElseThrow();
        assertThat(consumer.path("num_pending").asLong()).isZero();
        assertThat(consumer.path("num_ack_pending").asLong()).isZero();
        String integration = nats.view("INTEGRATION");
        assertThat(integration).contains("work.integration.api_ready").contains("REQ-001").contains("Add login");
        assertThat(TeamDirs.commits(team.resolve("workspace"))).contains("REQ-001: Add login");

        JsonNode jen = agentkit("turn", "jen", "--json").ok().json();

        assertThat(jen.path("coordination").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(jen.path("pulled").asInt()).isZero();
    }

    @Test
    @Order(3)
    void aMessagePulledWithoutAnAckComesBackAfterTheAckWait() throws Exception {
        nats.run("pub", "work.requirements.backend", "{\"id\":\"REQ-002\",\"title\":\"Add logout\"}");

        String first = nats.run("consumer", "next", "REQUIREMENTS", "roy", "--no-ack");
        assertThat(first).contains("REQ-002");
        assertThat(nats.run("consumer", "info", "REQUIREMENTS", "roy", "--json")).contains("\"num_ack_pending\": 1");

        long deadline = System.nanoTime() + 20_000_000_000L;
        String again = "";
        while (System.nanoTime() < deadline && !again.contains("REQ-002")) {
            NatsCli.Result r = nats.tryRun("consumer", "next", "REQUIREMENTS", "roy", "--no-ack", "--wait", "1s");
            again = r.output();
        }
        assertThat(again).as("redelivered after the 2 s ack wait").contains("REQ-002");

        // Part C, 4-5: ack it this time (Roy's turn, once the ack wait has passed again), nothing pending
        long settle = System.nanoTime() + 20_000_000_000L;
        int done = 0;
        while (System.nanoTime() < settle && done == 0) {
            done = agentkit("turn", "roy", "--json").ok().json().path("done").asInt();
        }
        assertThat(done).isEqualTo(1);
        assertThat(nats.run("consumer", "info", "REQUIREMENTS", "roy", "--json"))
                .contains("\"num_ack_pending\": 0").contains("\"num_pending\": 0");
    }

    @Test
    @Order(4)
    void statusDeadLettersAndRetryWorkAgainstTheServer() {
        nats.run("pub", "work.requirements.backend", "{\"id\":\"REQ-009\"}");
        JsonNode turn = agentkit("turn", "roy", "--json").ok().json();
        assertThat(turn.path("deadLettered").asInt()).isEqualTo(1);

        JsonNode letters = agentkit("dead-letters", "--json").ok().json().path("deadLetters");
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).path("item").asText()).isEqualTo("REQ-009");
        assertThat(letters.get(0).path("reason").asText()).contains("needs a title");
        assertThat(agentkit("dead-letters").ok().out()).contains("REQ-009").contains("rejected");

        agentkit("pause", "jen").ok();
        JsonNode status = agentkit("status", "--json").ok().json().path("agents");
        JsonNode roy = status.get(0);
        assertThat(roy.path("agent").asText()).isEqualTo("roy");
        assertThat(roy.path("pending").asLong()).isZero();
        assertThat(roy.path("inFlight").asLong()).isZero();
        assertThat(roy.path("redelivered").asLong()).isZero();
        assertThat(roy.path("deadLetters").get(0).asText()).isEqualTo("REQ-009");
        assertThat(roy.path("lastTurn").asText()).contains("1 dead-lettered");
        assertThat(status.get(1).path("pausedBy").asText()).startsWith("shell:");
        assertThat(agentkit("status").ok().out()).contains("AGENT").contains("REDELIVERED").contains("roy");
        agentkit("resume", "jen").ok();

        CliRun retry = agentkit("retry", "REQ-009").ok();
        assertThat(retry.out()).contains("retried REQ-009").contains("REQ-009:retry:1");
        assertThat(agentkit("status", "--json").ok().json().path("agents").get(0).path("pending").asLong()).isEqualTo(1);
        assertThat(agentkit("dead-letters", "--json").ok().json().path("deadLetters")).isEmpty();
        CliRun again = agentkit("retry", "REQ-009");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.out()).contains("already retried");
        assertThat(agentkit("retry", "REQ-404").exit()).isEqualTo(1);
        assertThat(agentkit("pause", "nobody").exit()).isEqualTo(2);
    }

    @Test
    @Order(5)
    void approveFromTheShellBringsAParkedItemBackOnce() {
        nats.run("pub", "work.requirements.backend", "{\"id\":\"REQ-010\",\"title\":\"Add an index\"}");
        try (JetStreamBroker broker = JetStreamBroker.connect(NatsConnectionConfig.builder().servers(server.url()).build())) {
            ApprovalBook book = new ApprovalBook(KvStateStore.open(broker.connection()), AgentClock.system());
            Delivery d = null;
            for (Delivery each : broker.fetch(new ConsumerRef("REQUIREMENTS", "roy"), 10, Duration.ofSeconds(5))) {
                if (each.envelope().id().orElse("").equals("REQ-010")) {
                    d = each;
                } else {
                    each.nak(Duration.ZERO); // the retried REQ-009 of the step before stays for roy
                }
            }
            assertThat(d).as("REQ-010 fetched").isNotNull();
            book.park("roy", d, "REQ-010", "may I add the index?", ApprovalOptions.ofDefaults());
            d.ack(); // what the turn does once the question is stored

            CliRun approved = agentkit("approve", "REQ-010").ok();
            assertThat(approved.out()).contains("approved REQ-010").contains("back in roy's queue");
            assertThat(book.find("REQ-010")).hasValueSatisfying(e -> assertThat(e.decidedBy()).startsWith("shell:"));
        }
        assertThat(agentkit("turn", "roy", "--json").ok().json().path("done").asInt()).as("REQ-010, back approved")
                .isEqualTo(1);
        CliRun again = agentkit("approve", "REQ-010");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.out()).contains("REQ-010 was already approved");
        assertThat(agentkit("deny", "REQ-404", "not", "now").exit()).isEqualTo(1);
    }

    private static List<String> subjects(String stream) {
        JsonNode info = Json.tryRead(nats.run("stream", "info", stream, "--json").getBytes(StandardCharsets.UTF_8))
                .orElseThrow();
        List<String> subjects = new ArrayList<>();
        info.path("config").path("subjects").forEach(s -> subjects.add(s.asText()));
        return subjects;
    }
}
