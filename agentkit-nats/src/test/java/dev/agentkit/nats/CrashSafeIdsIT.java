package dev.agentkit.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.DirectMessage;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.TurnReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, scenario 3 on a real server with the KV stores: a {@code StackOverflowError} in
 * {@code processWork} after the agent asked a question. The next turn and its question must get
 * new ids, so JetStream stores the new question instead of dropping it as a duplicate.
 */
class CrashSafeIdsIT extends RealNatsSupport {

    @Test
    void aQuestionAskedAfterAnErrorInProcessWorkIsStoredNotDroppedAsADuplicate() {
        Topology topology = Topology.workshopDefault();
        JetStreamBroker broker = broker();
        broker.provision(topology, Map.of("jen", "frontend", "roy", "backend"));
        AgentRuntime runtime = TestAgent.runtime(broker, topology, id);
        List<String> turns = new CopyOnWriteArrayList<>();
        TestAgent jen = new TestAgent(TestAgent.config("jen", "frontend").build(), runtime);
        TestAgent roy = new TestAgent(TestAgent.config("roy", "backend").build(), runtime);
        roy.answer = "errors are {\"error\": \"...\"}";
        List<String> asked = new ArrayList<>();
        jen.askOnNextItem = "roy";
        jen.work = (self, item) -> {
            asked.add(self.askedCorrelation);
            if (self.runs.get(item.id()) == 1) {
                self.askOnNextItem = "roy";
                throw new StackOverflowError("recursed too deep");
            }
            return Outcome.done();
        };
        broker.publish(topology.requirementSubject("frontend"), Envelope.ofJson(Map.of("id", "REQ-020")));

        Throwable thrown = catchThrowable(jen::runTurn);
        RealTime.await("the item to be redelivered and done", Duration.ofSeconds(45), () -> {
            TurnReport r = jen.runTurn();
            turns.add(r.turnId());
            return r.done() == 1;
        });

        assertThat(thrown).isInstanceOf(StackOverflowError.class);
        assertThat(asked).hasSize(2).doesNotHaveDuplicates();
        assertThat(roy.runTurn().directMessages()).as("both questions are stored").isEqualTo(2);
        assertThat(jen.runTurn().directMessages()).isEqualTo(2);
        assertThat(jen.answers).extracting(DirectMessage::correlationId).containsExactlyInAnyOrderElementsOf(asked);
        assertThat(turns).doesNotHaveDuplicates();
    }
}
