package dev.agentkit.matrix;

import static dev.agentkit.matrix.MatrixWorld.JEN;
import static dev.agentkit.matrix.MatrixWorld.ROY;

import dev.agentkit.core.chat.Rooms;
import dev.agentkit.core.internal.message.Json;
import dev.agentkit.core.internal.oversight.DeadLetterEntry;
import dev.agentkit.core.internal.oversight.DeadLetterIndex;
import dev.agentkit.core.internal.topology.Subjects;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.oversight.Team;
import dev.agentkit.core.store.StateStore;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.core.topology.StreamSpec;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.nats.JetStreamBroker;
import dev.agentkit.nats.StoredMessage;
import dev.agentkit.nats.connect.NatsConnectionConfig;
import dev.agentkit.nats.kv.KvProcessedStore;
import dev.agentkit.nats.kv.KvStateStore;
import dev.agentkit.nats.kv.KvTurnLease;
import dev.agentkit.nats.kv.LeaseExpiry;
import dev.agentkit.testing.matrix.SynapseServer;
import dev.agentkit.testing.nats.JetStreamCleanup;
import dev.agentkit.testing.nats.NatsServerFixture;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The oversight story's team on real servers: roy (backend) and jen (frontend) on a
 * {@link JetStreamBroker} with KV processed and state stores and a KV turn lease, chatting through
 * {@link MatrixChatPort} in a fresh {@link MatrixWorld} (alice commands, mallory may not). Made
 * per test: it deletes the topology's streams first (their names are fixed) and keeps its stores
 * in KV buckets of its own. {@link #restart()} is a new process: a new connection and new store
 * instances on the same buckets; agents made afterwards also log in to Matrix afresh.
 */
final class RealTeam implements AutoCloseable {
    static final Duration SHORT = Duration.ofSeconds(1);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final String CURSOR = "chat.cursor";

    final Topology topology = Topology.builder().ackWait(SHORT).build();
    final Team team = Team.empty().with(ROY, "backend").with(JEN, "frontend");
    final MatrixWorld world;
    private final NatsServerFixture nats;
    private final String buckets = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private JetStreamBroker broker;
    private KvStateStore state;
    private KvProcessedStore processed;
    private KvTurnLease lease;

    RealTeam(NatsServerFixture nats, SynapseServer synapse, TokenLeakCheck leaks) {
        this.nats = nats;
        this.world = new MatrixWorld(synapse, leaks, Rooms.BACKEND, Rooms.FRONTEND, Rooms.ALERTS);
        open();
        JetStreamCleanup.deleteStreams(broker.connection(), topology);
        broker.provision(topology, team.roles());
    }

    /** A fresh instance of a team agent, posting to the room named after its role, with 1 s retry delays. */
    StoryWorker agent(String name) {
        String role = team.roleOf(name).orElseThrow();
        AgentConfig config = AgentConfig.builder(name).role(role).room(role).failureDelay(SHORT).blockedDelay(SHORT)
                .build();
        AgentRuntime runtime = AgentRuntime.builder(broker).topology(topology).team(team).processedStore(processed)
                .stateStore(state).lease(lease).chat(world.port(name)).build();
        return new StoryWorker(config, runtime);
    }

    /** As after a process restart: a new connection, new KV store instances on the same buckets. */
    void restart() {
        broker.close();
        open();
    }

    /**
     * {@code agent} fails every delivery of a new requirement {@code id} with {@code error}; its
     * turns run (bounded) until the third delivery has failed and the item is dead-lettered. Then
     * its work succeeds again.
     */
    void deadLetter(StoryWorker agent, String id, String error) {
        agent.work = item -> {
            throw new IllegalStateException(error);
        };
        broker.publish(topology.requirementSubject(agent.config().role()),
                Envelope.ofJson(Map.of("id", id, "title", "Add login")).withMessageId(id));
        runTurnsUntil(agent, "three failed deliveries of " + id, () -> !deadLetters(agent.config().name()).isEmpty());
        agent.work = item -> Outcome.done();
    }

    /** Runs turns of {@code agent} until {@code done} holds, failing after 30 s; a turn at most every 200 ms. */
    static void runTurnsUntil(StoryWorker agent, String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            agent.runTurn();
            if (done.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after 30 s waiting for " + what);
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    /** {@code human} says {@code text} in logical room {@code room}. */
    void say(String human, String room, String text) {
        world.say(human, room, text);
    }

    /** What the agents posted to {@code room}, oldest first, as {@code roy: text}. */
    List<String> posts(String room) {
        Set<String> agents = Set.of(world.id(ROY), world.id(JEN));
        return world.history(room).stream().filter(e -> agents.contains(e.sender()))
                .map(e -> e.sender().substring(1, e.sender().indexOf(':')) + ": " + e.body()).toList();
    }

    /** Every message stored on subjects matching {@code pattern}, oldest first per stream. */
    List<Envelope> published(String pattern) {
        List<Envelope> found = new ArrayList<>();
        for (StreamSpec s : topology.streams()) {
            long last = lastSequence(s.name());
            for (long seq = 1; seq <= last; seq++) {
                broker.readMessage(s.name(), seq).filter(m -> Subjects.matches(pattern, m.subject()))
                        .map(StoredMessage::envelope).ifPresent(found::add);
            }
        }
        return found;
    }

    /** The dead letters of {@code agent}, oldest first. */
    List<Envelope> deadLetters(String agent) {
        return published(topology.deadLetterSubject(agent));
    }

    DeadLetterEntry.Status statusOf(String item) {
        return new DeadLetterIndex(state).find(item).orElseThrow().status();
    }

    StateStore stateStore() {
        return state;
    }

    /** The chat cursor {@code agent}'s turns keep in the state store. */
    String chatCursor(String agent) {
        return String.valueOf(internal(agentState(agent)).get(CURSOR));
    }

    /**
     * Makes {@code agent}'s next turn read the chat from {@code cursor} again, as a re-sync from an
     * old cursor. (Not from no cursor at all: Synapse answers a repeated initial sync of the same
     * device within two minutes from its sync cache, with the first answer's old timeline.)
     */
    void rewindChat(String agent, String cursor) {
        Map<String, Object> values = agentState(agent);
        internal(values).put(CURSOR, cursor);
        state.put("agent." + agent, Json.writeString(values));
    }

    /** agentkit's own section of a stored agent state, where the chat cursor is. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> internal(Map<String, Object> stored) {
        return (Map<String, Object>) stored.get("internal");
    }

    private Map<String, Object> agentState(String agent) {
        Map<String, Object> values = new TreeMap<>();
        Json.read(state.get("agent." + agent).orElseThrow(), Map.class)
                .forEach((k, v) -> values.put(String.valueOf(k), v));
        return values;
    }

    @Override
    public void close() {
        broker.close();
    }

    private void open() {
        broker = JetStreamBroker.connect(NatsConnectionConfig.builder().servers(nats.url()).build());
        state = KvStateStore.open(broker.connection(), "state_" + buckets);
        processed = KvProcessedStore.open(broker.connection(), "processed_" + buckets, Duration.ZERO, AgentClock.system());
        lease = KvTurnLease.open(broker.connection(), "leases_" + buckets, AgentClock.system(), LeaseExpiry.AUTO);
    }

    private long lastSequence(String stream) {
        try {
            return jsm().getStreamInfo(stream).getStreamState().getLastSequence();
        } catch (IOException | JetStreamApiException e) {
            throw new IllegalStateException("could not read the state of stream " + stream + ": " + e.getMessage(), e);
        }
    }

    private JetStreamManagement jsm() {
        try {
            return broker.connection().jetStreamManagement();
        } catch (IOException e) {
            throw new IllegalStateException("no JetStream management on " + nats.url() + ": " + e.getMessage(), e);
        }
    }
}
