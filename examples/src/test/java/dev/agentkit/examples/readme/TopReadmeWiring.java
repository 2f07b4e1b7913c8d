package dev.agentkit.examples.readme;

import dev.agentkit.core.schedule.Schedule;
import dev.agentkit.core.schedule.TurnScheduler;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.TurnBasedAgent;
import dev.agentkit.examples.team.Roy;
import dev.agentkit.examples.team.TeamSettings;
import dev.agentkit.matrix.MatrixChatConfig;
import dev.agentkit.matrix.MatrixChatPort;
import dev.agentkit.nats.JetStreamBroker;
import dev.agentkit.nats.connect.NatsConnectionConfig;
import dev.agentkit.nats.kv.KvProcessedStore;
import dev.agentkit.nats.kv.KvStateStore;
import dev.agentkit.nats.kv.KvTurnLease;
import io.nats.client.Connection;
import java.time.Duration;
import java.util.Map;

/**
 * The top-level README's wiring snippets ("Running a team", "Running on a cluster"), compiled
 * here and checked against the README by ReadmeSnippetsTest. They need real servers, so they are
 * compiled, not run; the same wiring runs in TeamDemoIT and the cluster ITs.
 */
final class TopReadmeWiring {
    private TopReadmeWiring() {
    }

    static TurnScheduler runningATeam(MatrixChatConfig royMatrixConfig, TeamSettings settings,
                                      TurnBasedAgent jen, TurnBasedAgent moss) {
        Topology topology = Topology.workshopDefault();
        JetStreamBroker broker = JetStreamBroker.connect(NatsConnectionConfig.fromEnvironment());
        broker.provision(topology, Map.of("roy", "backend", "jen", "frontend", "moss", "infra"));

        Connection nc = broker.connection();
        AgentRuntime runtime = AgentRuntime.builder(broker)
                .processedStore(KvProcessedStore.open(nc))    // idempotency across processes
                .stateStore(KvStateStore.open(nc))            // cursors and knowledge survive restarts
                .lease(KvTurnLease.open(nc))                  // one turn per agent across processes
                .topology(topology).build();

        Roy roy = new Roy(runtime.withChat(new MatrixChatPort(royMatrixConfig)), settings);
        TurnScheduler scheduler = TurnScheduler.builder(AgentClock.system()).build()
                .add(roy, Schedule.every(Duration.ofMinutes(30)))                               // :00, :30
                .add(jen, Schedule.every(Duration.ofMinutes(30)).at(Duration.ofMinutes(15)))     // :15, :45
                .add(moss, Schedule.every(Duration.ofMinutes(30)).at(Duration.ofMinutes(20)).onlyWhenThereIsWork());
        scheduler.start();
        return scheduler;
    }

    static AgentRuntime onACluster() {
        NatsConnectionConfig config = NatsConnectionConfig.fromEnvironment();   // NATS_URL=nats://a:4222,nats://b:4222,...
        JetStreamBroker broker = JetStreamBroker.connect(config);
        Topology topology = Topology.builder().replicas(3).build();              // every stream R3
        broker.provision(topology, Map.of("roy", "backend"));
        Connection nc = broker.connection();
        AgentRuntime runtime = AgentRuntime.builder(broker).topology(topology)
                .processedStore(KvProcessedStore.open(nc, KvProcessedStore.DEFAULT_BUCKET, KvProcessedStore.DEFAULT_TTL, AgentClock.system(), 3))
                .stateStore(KvStateStore.open(nc, KvStateStore.DEFAULT_BUCKET, 3))
                .lease(KvTurnLease.open(nc))
                .build();
        return runtime;
    }
}
