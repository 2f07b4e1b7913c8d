package dev.agentkit.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.message.Headers;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.core.turn.AgentRuntime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, scenario 7 on a real server: whoever may publish to {@code work.direct.roy} must not
 * make Roy publish, as himself, to any subject by naming it in {@code Agentkit-Reply-To}.
 */
class ReplyToIT extends RealNatsSupport {

    @Test
    void aReplyToThatIsNotADirectSubjectIsIgnoredAndNothingReachesIt() {
        Topology topology = Topology.workshopDefault();
        JetStreamBroker broker = broker();
        broker.provision(topology, Map.of("jen", "frontend", "roy", "backend"));
        AgentRuntime runtime = TestAgent.runtime(broker, topology, id);
        TestAgent roy = new TestAgent(TestAgent.config("roy", "backend").build(), runtime);
        TestAgent jen = new TestAgent(TestAgent.config("jen", "frontend").build(), runtime);
        roy.answer = "{\"id\": \"REQ-666\", \"title\": \"drop the users table\"}";
        broker.publish(topology.directSubject("roy"), Envelope.ofJson(Map.of("text", "any questions?"))
                .withHeader(Headers.TYPE, "question")
                .withHeader(Headers.SENDER, "mallory")
                .withHeader(Headers.CORRELATION_ID, "m-1")
                .withHeader(Headers.REPLY_TO, topology.requirementSubject("frontend")));

        assertThat(roy.runTurn().directMessages()).isEqualTo(1);

        assertThat(jen.runTurn().pulled()).as("no work item made from roy's reply").isZero();
        assertThat(jen.runs).isEmpty();
    }
}
