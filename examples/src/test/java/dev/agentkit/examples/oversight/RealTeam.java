package dev.agentkit.examples.oversight;

import dev.agentkit.core.chat.Rooms;
import dev.agentkit.core.oversight.AgentControl;
import dev.agentkit.core.oversight.DeadLetterEntry;
import dev.agentkit.core.oversight.DeadLetterIndex;
import dev.agentkit.core.oversight.Team;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.TurnBasedAgent;
import dev.agentkit.core.turn.WorkItem;
import dev.agentkit.matrix.MatrixChatConfig;
import dev.agentkit.matrix.MatrixChatPort;
import dev.agentkit.matrix.MatrixRooms;
import dev.agentkit.matrix.client.MatrixClient;
import dev.agentkit.matrix.client.MatrixClientConfig;
import dev.agentkit.matrix.client.MessagesQuery;
import dev.agentkit.matrix.client.PasswordLogin;
import dev.agentkit.matrix.client.Secret;
import dev.agentkit.nats.JetStreamBroker;
import dev.agentkit.nats.connect.NatsConnectionConfig;
import dev.agentkit.nats.kv.KvProcessedStore;
import dev.agentkit.nats.kv.KvStateStore;
import dev.agentkit.testing.matrix.SynapseServer;
import dev.agentkit.testing.nats.NatsServerFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Roy (backend) and Jen (frontend) on a real nats-server (KV stores) and a real Synapse: Moss may
 * command agents, Mallory may not. What the escalation story IT needs, and nothing else.
 */
final class RealTeam implements AutoCloseable {
    static final Duration DELAY = Duration.ofSeconds(1);

    /** An agent whose work fails while {@link #failing} is set, and records what it applied. */
    static final class Worker extends TurnBasedAgent {
        final List<String> applied = new CopyOnWriteArrayList<>();
        volatile boolean failing;

        Worker(AgentConfig config, AgentRuntime runtime) {
            super(config, runtime);
        }

        @Override
        protected Outcome processWork(WorkItem item) {
            if (failing) {
                throw new IllegalStateException("compiler crashed");
            }
            applied.add(item.id());
            return Outcome.done();
        }
    }

    final JetStreamBroker broker;
    final KvStateStore state;
    final AgentRuntime runtime;
    final MatrixClient moss;
    final MatrixClient mallory;
    final Map<String, String> rooms;
    private final SynapseServer synapse;

    RealTeam(NatsServerFixture nats, SynapseServer synapse) {
        this.synapse = synapse;
        broker = JetStreamBroker.connect(NatsConnectionConfig.builder().servers(nats.url()).build());
        Topology topology = Topology.workshopDefault();
        Team team = Team.of(Map.of("roy", "backend", "jen", "frontend"));
        broker.provision(topology, team.roles());
        state = KvStateStore.open(broker.connection());
        runtime = AgentRuntime.builder(broker).topology(topology).team(team).stateStore(state)
                .processedStore(KvProcessedStore.open(broker.connection())).control(new AgentControl(state)).build();
        synapse.user("roy");
        synapse.user("jen");
        moss = login("moss");
        mallory = login("mallory");
        rooms = MatrixRooms.provision(moss, MatrixChatConfig.defaultRooms(SynapseServer.SERVER_NAME),
                List.of(synapse.userId("roy"), synapse.userId("jen"), synapse.userId("mallory")));
        rooms.values().forEach(mallory::join);
    }

    private MatrixClient login(String name) {
        return MatrixClient.login(MatrixClientConfig.of(synapse.baseUrl()), new PasswordLogin(synapse.userId(name),
                Secret.of(synapse.user(name).password()), "IT_" + name.toUpperCase(), name));
    }

    /** A fresh instance of agent {@code name} (as after a restart), with its own Matrix seat. */
    Worker agent(String name, String role) {
        MatrixChatPort port = new MatrixChatPort(MatrixChatConfig.builder(synapse.baseUrl(), name,
                        Secret.of(synapse.user(name).password()))
                .serverName(SynapseServer.SERVER_NAME)
                .agentAccounts(List.of(synapse.userId("roy"), synapse.userId("jen")))
                .commanders(List.of(synapse.userId("moss"))).build());
        return new Worker(AgentConfig.builder(name).role(role).room(role).failureDelay(DELAY).build(),
                runtime.withChat(port));
    }

    void say(MatrixClient who, String room, String text) {
        who.sendText(rooms.get(room), text, "it." + System.nanoTime());
    }

    /** What was said in {@code room}, oldest first. */
    List<String> texts(String room) {
        List<String> out = new ArrayList<>();
        moss.messages(rooms.get(room), MessagesQuery.latest(200)).chunk().stream()
                .filter(e -> "m.room.message".equals(e.type())).forEach(e -> out.add(e.body()));
        Collections.reverse(out);
        return out;
    }

    DeadLetterEntry.Status statusOf(String item) {
        return new DeadLetterIndex(state).find(item).orElseThrow().status();
    }

    /** The secrets of every account, for the leak check. */
    List<String> secrets() {
        List<String> out = new ArrayList<>();
        for (String name : List.of("roy", "jen", "moss", "mallory")) {
            out.add(synapse.user(name).password());
            out.add(synapse.user(name).accessToken());
        }
        return out;
    }

    static String alerts() {
        return Rooms.ALERTS;
    }

    @Override
    public void close() {
        broker.close();
    }
}
