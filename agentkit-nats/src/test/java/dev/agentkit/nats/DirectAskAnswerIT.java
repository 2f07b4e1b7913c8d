package dev.agentkit.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.DirectMessage;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two agents ask and answer each other over work.direct.<agent> on a real server. */
class DirectAskAnswerIT extends RealNatsSupport {

    @Test
    void aQuestionAskedInOneTurnIsAnsweredAndTheAnswerArrivesOnTheAskersNextTurn() {
        Topology topology = Topology.workshopDefault();
        JetStreamBroker broker = broker();
        broker.provision(topology, Map.of("jen", "frontend", "roy", "backend"));
        AgentRuntime runtime = TestAgent.runtime(broker, topology, id);
        TestAgent jen = new TestAgent(TestAgent.config("jen", "frontend").build(), runtime);
        TestAgent roy = new TestAgent(TestAgent.config("roy", "backend").build(), runtime);
        roy.answer = "POST /login {user, password} -> {token}";
        jen.askOnNextItem = "roy";

        broker.publish(topology.requirementSubject("frontend"), Envelope.ofJson(Map.of("id", "REQ-010")));
        assertThat(jen.runTurn().done()).isEqualTo(1);
        assertThat(jen.askedCorrelation).isNotNull();

        assertThat(roy.runTurn().directMessages()).isEqualTo(1);
        assertThat(jen.runTurn().directMessages()).isEqualTo(1);

        assertThat(jen.answers).singleElement().satisfies(a -> {
            assertThat(a.correlationId()).isEqualTo(jen.askedCorrelation);
            assertThat(a.from()).isEqualTo("roy");
            assertThat(a.text()).isEqualTo(roy.answer);
            assertThat(a.answer()).isTrue();
        });
        assertThat(roy.runTurn().idle()).isTrue();
        assertThat(jen.answers).extracting(DirectMessage::correlationId).containsExactly(jen.askedCorrelation);
    }
}
