package dev.agentkit.cli;

import dev.agentkit.cli.config.TeamConfig;
import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.routing.Router;
import dev.agentkit.core.store.StateStore;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.TurnListener;
import dev.agentkit.examples.demo.DemoTelemetry;
import dev.agentkit.nats.JetStreamBroker;
import dev.agentkit.nats.connect.NatsConnectionConfig;
import dev.agentkit.nats.kv.KvProcessedStore;
import dev.agentkit.nats.kv.KvStateStore;
import dev.agentkit.nats.kv.KvTurnLease;
import dev.agentkit.nats.kv.LeaseExpiry;
import io.nats.client.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The team's connection to its servers: one NATS connection (URLs and credentials from the
 * environment, as {@link NatsConnectionConfig#fromEnvironment(Map)} reads them; {@code --server}
 * or the file's {@code servers.nats.url} stand in for an unset {@code NATS_URL}), the broker on
 * it, the KV stores opened on first use (so a dry run creates nothing), and the agents' runtime.
 * Made by the commands that talk to servers; closed when they end.
 */
public final class TeamServers implements AutoCloseable {
    /** The KV buckets a team uses: state, processed ids and turn leases. */
    public static final List<String> BUCKETS = List.of(KvStateStore.DEFAULT_BUCKET, KvProcessedStore.DEFAULT_BUCKET,
            KvTurnLease.DEFAULT_BUCKET);

    private final TeamConfig config;
    private final Map<String, String> env;
    private final JetStreamBroker broker;
    private final AgentClock clock = AgentClock.system();
    private DemoTelemetry telemetry;
    private StateStore state;
    private KvProcessedStore processed;
    private KvTurnLease lease;
    private MatrixSeats chat;

    private TeamServers(TeamConfig config, Map<String, String> env, JetStreamBroker broker) {
        this.config = config;
        this.env = Map.copyOf(env);
        this.broker = broker;
    }

    /** Connects to the team's NATS servers. */
    public static TeamServers connect(TeamConfig config, Optional<String> server, Map<String, String> env) {
        return new TeamServers(config, env, JetStreamBroker.connect(NatsConnectionConfig.fromEnvironment(
                natsEnvironment(config, server, env))));
    }

    /** {@code env} with {@code NATS_URL} from {@code --server}, else as set, else from the file. */
    static Map<String, String> natsEnvironment(TeamConfig config, Optional<String> server, Map<String, String> env) {
        Map<String, String> e = new HashMap<>(env);
        if (server.isPresent()) {
            e.put("NATS_URL", server.get());
        } else if (e.getOrDefault("NATS_URL", "").isBlank()) {
            config.servers().natsUrl().ifPresent(url -> e.put("NATS_URL", url));
        }
        return e;
    }

    public TeamConfig config() {
        return config;
    }

    public JetStreamBroker broker() {
        return broker;
    }

    public Connection connection() {
        return broker.connection();
    }

    private int replicas() {
        return config.topology().streams().get(0).replicas();
    }

    /** The team's state store (agent state, control flags, the dead-letter index); opened, and created, on first use. */
    public synchronized StateStore state() {
        if (state == null) {
            state = KvStateStore.open(connection(), KvStateStore.DEFAULT_BUCKET, replicas());
        }
        return state;
    }

    /** The processed-ids store; opened on first use. */
    public synchronized KvProcessedStore processed() {
        if (processed == null) {
            processed = KvProcessedStore.open(connection(), KvProcessedStore.DEFAULT_BUCKET, Duration.ZERO, clock,
                    replicas());
        }
        return processed;
    }

    private synchronized KvTurnLease lease() {
        if (lease == null) {
            lease = KvTurnLease.open(connection(), KvTurnLease.DEFAULT_BUCKET, clock, LeaseExpiry.AUTO, replicas());
        }
        return lease;
    }

    /** Opens (and so creates) the team's KV buckets. */
    public void openStores() {
        state();
        processed();
        lease();
    }

    /** The chat seats: Matrix when the file names a homeserver, else none. */
    public synchronized MatrixSeats chat() {
        if (chat == null) {
            chat = MatrixSeats.of(config, env);
        }
        return chat;
    }

    /**
     * The broker for publishing outside a runtime ({@code pub}, {@code ask}, {@code drain}, the
     * oversight commands): {@link #broker()} with a producer span and W3C trace headers on every
     * publish when the {@code OTEL_*} variables ask for an exporter, else passing straight through.
     */
    public Broker publisher() {
        return telemetry().telemetry().wrap(broker);
    }

    /**
     * {@code call} inside the span of the command named {@code name} (e.g. {@code agentkit pub}),
     * the parent of what it publishes through {@link #publisher()}; a no-op without an exporter.
     */
    public <T> T traced(String name, Supplier<T> call) {
        return telemetry().telemetry().traced(name, call);
    }

    /** The router of the team's drains: {@code router} with a span per routing decision when exporting. */
    public Router traced(Router router) {
        return telemetry().telemetry().wrap(router);
    }

    /** The runtime agents of this team run on, over {@code over} (this broker, or a wrapper of it). */
    public AgentRuntime runtime(Broker over, List<TurnListener> listeners) {
        AgentRuntime.Builder b = AgentRuntime.builder(over).clock(clock).topology(config.topology()).team(config.team())
                .stateStore(state()).processedStore(processed()).lease(lease());
        listeners.forEach(b::listener);
        return telemetry().telemetry().install(b).build();
    }

    /**
     * The team's OpenTelemetry: the SDK, exporting, when the standard {@code OTEL_*} variables ask
     * for an exporter (e.g. {@code OTEL_TRACES_EXPORTER=otlp}), else a no-op.
     */
    private synchronized DemoTelemetry telemetry() {
        if (telemetry == null) {
            telemetry = DemoTelemetry.fromEnvironment(env);
        }
        return telemetry;
    }

    /** Flushes and stops the telemetry (what the command traced is exported before it exits), then disconnects. */
    @Override
    public void close() {
        if (telemetry != null) {
            telemetry.close();
        }
        broker.close();
    }
}
