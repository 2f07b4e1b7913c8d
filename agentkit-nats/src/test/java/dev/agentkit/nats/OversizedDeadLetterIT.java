package dev.agentkit.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.internal.oversight.CommandExecutor;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.message.Headers;
import dev.agentkit.core.oversight.AgentControl;
import dev.agentkit.core.oversight.Command;
import dev.agentkit.core.oversight.DeadLetterDesk;
import dev.agentkit.core.oversight.DeskReport;
import dev.agentkit.core.oversight.Team;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.core.topology.ConsumerSpec;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.nats.kv.KvStateStore;
import dev.agentkit.testing.chat.InMemoryChat;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scenario 1 of issue 15 on a real server with the KV state store: bodies near the server's max
 * payload (1 MiB by default) are dead-lettered, indexed by reference, alerted and retried; the
 * desk serves commands after reading a large letter.
 */
class OversizedDeadLetterIT extends RealNatsSupport {
    private final Topology topology = Topology.builder().ackWait(Duration.ofSeconds(2)).maxDeliver(2).build();

    private static byte[] text(int bytes) {
        byte[] body = new byte[bytes];
        Arrays.fill(body, (byte) 'x');
        body[0] = '<';
        return body;
    }

    @Test
    void a900KbNonJsonItemIsDeadLetteredIndexedByReferenceAndRetriedWhole() {
        JetStreamBroker broker = broker();
        broker.provision(topology, Map.of("roy", "backend"));
        TestAgent roy = new TestAgent(TestAgent.config("roy", "backend").build(), TestAgent.runtime(broker, topology, id));
        byte[] body = text(900 * 1024);
        broker.publish(topology.requirementSubject("backend"), Envelope.of(body, Map.of(Headers.MESSAGE_ID, "REQ-BIG")));

        TurnReport report = roy.runTurn();

        assertThat(report.deadLettered()).isEqualTo(1);
        Delivery letter = deadLetters(broker, topology, "roy", 1).get(0);
        assertThat(letter.envelope().body()).isEqualTo(body);
        assertThat(letter.envelope().headers()).containsEntry(Headers.ORIGINAL_ID, "REQ-BIG")
                .doesNotContainKey(Headers.DEAD_TRUNCATED);
        String entry = KvStateStore.open(broker.connection(), "state_" + id).get("oversight.letter.req-big").orElseThrow();
        assertThat(entry.length()).as("the index keeps a reference, not a copy").isLessThan(4096);

        assertThat(executor(broker).execute(new Command.Retry("REQ-BIG"), "@moss:localhost"))
                .startsWith("retried REQ-BIG");
        ConsumerSpec probe = ConsumerSpec.of(Topology.REQUIREMENTS, "probe_" + id, topology.requirementSubject("backend"));
        broker.ensureConsumer(probe);
        List<Delivery> all = broker.fetch(ConsumerRef.of(probe), 10, Duration.ofSeconds(2));
        assertThat(all).hasSize(2);
        assertThat(all.get(1).envelope().body()).as("the retry republishes the whole original").isEqualTo(body);
        assertThat(all.get(1).envelope().header(Headers.MESSAGE_ID)).hasValue("REQ-BIG:retry:1");
    }

    @Test
    void anItemAtTheServersLimitGetsACutLetterThatSaysWhereTheOriginalIs() {
        JetStreamBroker broker = broker();
        broker.provision(topology, Map.of("jen", "frontend"));
        TestAgent jen = new TestAgent(TestAgent.config("jen", "frontend").build(), TestAgent.runtime(broker, topology, id));
        long max = broker.maxPayload();
        byte[] body = text((int) max - 200);
        long seq = broker.publish(topology.requirementSubject("frontend"),
                Envelope.of(body, Map.of(Headers.MESSAGE_ID, "REQ-MAX"))).sequence();

        assertThat(jen.runTurn().deadLettered()).isEqualTo(1);

        Envelope letter = deadLetters(broker, topology, "jen", 1).get(0).envelope();
        assertThat(letter.size()).isLessThan(body.length);
        assertThat(new String(letter.body(), StandardCharsets.UTF_8)).endsWith("]").contains("cut");
        assertThat(letter.headers()).containsKey(Headers.DEAD_TRUNCATED)
                .containsEntry(Headers.ORIGINAL_STREAM, Topology.REQUIREMENTS)
                .containsEntry(Headers.ORIGINAL_SEQUENCE, Long.toString(seq));

        assertThat(executor(broker).execute(new Command.Reassign("REQ-MAX", "jen"), "@moss:localhost"))
                .startsWith("reassigned REQ-MAX to jen");
        Envelope republished = broker.envelopeAt(Topology.REQUIREMENTS, seq + 1).orElseThrow();
        assertThat(republished.body()).as("the whole original, read from its own stream").isEqualTo(body);
        assertThat(republished.header(Headers.MESSAGE_ID)).hasValue("REQ-MAX:reassign:jen:1");
    }

    private CommandExecutor executor(JetStreamBroker broker) {
        KvStateStore state = KvStateStore.open(broker.connection(), "state_" + id);
        return new CommandExecutor(broker, topology, state, Team.of(Map.of("roy", "backend", "jen", "frontend")),
                new AgentControl(state), null);
    }

    @Test
    void theDeskReadsAn800KbLetterAndStillServesCommands() {
        JetStreamBroker broker = broker();
        broker.provision(topology, Map.of("moss", "infra"));
        KvStateStore state = KvStateStore.open(broker.connection(), "desk_" + id);
        InMemoryChat chat = new InMemoryChat(AgentClock.system());
        chat.allowCommands("@moss:localhost");
        DeadLetterDesk desk = DeadLetterDesk.builder(broker, chat.portFor("desk"), state).topology(topology)
                .team(Team.of(Map.of("moss", "infra"))).durable("desk_" + id).build();
        broker.publish(topology.deadLetterSubject("moss"), Envelope.of(text(800 * 1024), Map.of(
                Headers.MESSAGE_ID, "dead:REQUIREMENTS:1:moss", Headers.ORIGINAL_ID, "REQ-800",
                Headers.DEAD_REASON, "poison: body is not JSON", Headers.DEAD_AGENT, "moss",
                Headers.ORIGINAL_SUBJECT, topology.requirementSubject("infra"))));

        DeskReport first = desk.runOnce();
        assertThat(first.escalated()).as("this letter, and those of the class's other tests").isPositive();
        chat.say("@moss:localhost", "alerts", "skip REQ-800");
        DeskReport second = desk.runOnce();

        assertThat(second.commands()).isEqualTo(1);
        assertThat(chat.texts("alerts")).anySatisfy(t -> assertThat(t).contains("DEAD LETTER REQ-800"))
                .anySatisfy(t -> assertThat(t).contains("skipped REQ-800"));
    }
}
