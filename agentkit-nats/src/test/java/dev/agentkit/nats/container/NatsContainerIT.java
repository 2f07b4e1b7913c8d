package dev.agentkit.nats.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.ConsumerStatus;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.TurnBasedAgent;
import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.core.turn.WorkItem;
import dev.agentkit.nats.JetStreamBroker;
import dev.agentkit.nats.connect.NatsConnectionConfig;
import dev.agentkit.nats.kv.KvStateStore;
import dev.agentkit.testing.containers.NatsContainer;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * The Testcontainers fixture runs a JetStream server that a turn works against: streams and
 * consumers provisioned, an item done and acked, its announcement stored, state in KV. In CI the
 * image is built locally from the installed nats-server ({@code scripts/docker-engine.sh}) and the
 * engine runs without a bridge, so the container uses the host's network on 127.0.0.1. Without a
 * Docker engine the test is skipped, or fails under {@code CI=true}.
 */
class NatsContainerIT {

    @Test
    void aTurnRunsAgainstANatsServerInAContainer() {
        requireDocker();
        try (NatsContainer nats = NatsContainer.create()) {
            nats.start();
            Topology topology = Topology.workshopDefault();
            try (JetStreamBroker broker = JetStreamBroker.connect(NatsConnectionConfig.builder().servers(nats.url()).build())) {
                broker.provision(topology, Map.of("roy", "backend"));
                broker.publish(topology.requirementSubject("backend"),
                        Envelope.ofJson(Map.of("id", "REQ-001", "title", "Add login")));
                AgentRuntime runtime = AgentRuntime.builder(broker).topology(topology)
                        .stateStore(KvStateStore.open(broker.connection())).build();
                Announcer roy = new Announcer(runtime);

                TurnReport report = roy.runTurn();

                assertThat(report.done()).isEqualTo(1);
                assertThat(broker.status(ConsumerRef.of(topology.consumersFor("roy", "backend").work())))
                        .isEqualTo(new ConsumerStatus(0, 0));
                assertThat(broker.readMessage(Topology.INTEGRATION, 1)).hasValueSatisfying(m -> {
                    assertThat(m.subject()).isEqualTo("work.integration.api_ready");
                    assertThat(m.envelope().json().path("requirement").asText()).isEqualTo("REQ-001");
                });
                assertThat(runtime.state().get("agent.roy")).as("state saved in KV").isPresent();
            }
        }
    }

    private static void requireDocker() {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            docker = false;
        }
        if (!docker && ci) {
            throw new AssertionError("no Docker engine under CI=true: scripts/test.sh starts one with "
                    + "scripts/docker-engine.sh start");
        }
        Assumptions.assumeTrue(docker, "no Docker engine: the Testcontainers fixture is not exercised");
    }

    /** Announces every item it is given. */
    private static final class Announcer extends TurnBasedAgent {
        Announcer(AgentRuntime runtime) {
            super(AgentConfig.builder("roy").role("backend").build(), runtime);
        }

        @Override
        protected Outcome processWork(WorkItem item) {
            announce("api_ready", Map.of("requirement", item.id()));
            return Outcome.done();
        }
    }
}
