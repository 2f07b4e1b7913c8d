package dev.agentkit.bench.nats;

import dev.agentkit.core.topology.Topology;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.nats.JetStreamBroker;
import dev.agentkit.nats.connect.NatsConnectionConfig;
import dev.agentkit.testing.nats.NatsServerFixture;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.api.PublishAck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real nats-server the end-to-end rows share: started like the integration tests start it
 * ({@link NatsServerFixture}: 127.0.0.1, a free port, a temporary store), one
 * {@link JetStreamBroker} on one connection, and a topology whose streams hold a 100k backlog.
 * Made once by {@code BenchMain} and passed to every real-server benchmark.
 */
public final class NatsBench implements AutoCloseable {
    /** The message every drain row moves: 1 KiB of JSON. */
    public static final byte[] BODY = body(1024);
    private static final int PUBLISH_WINDOW = 2000;

    private final NatsServerFixture server;
    private final JetStreamBroker broker;
    private final Topology topology;

    private NatsBench(NatsServerFixture server, JetStreamBroker broker, Topology topology) {
        this.server = server;
        this.broker = broker;
        this.topology = topology;
    }

    /** Starts the server (or adopts {@code NATS_URL}), connects, and creates the topology's streams. */
    public static NatsBench start() {
        NatsServerFixture server = NatsServerFixture.start();
        try {
            JetStreamBroker broker = JetStreamBroker.connect(NatsConnectionConfig.builder().servers(server.url()).build());
            Topology topology = Topology.builder().maxMessages(1_000_000).build();
            topology.streams().forEach(broker::ensureStream);
            return new NatsBench(server, broker, topology);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    public String url() {
        return server.url();
    }

    public JetStreamBroker broker() {
        return broker;
    }

    public Connection connection() {
        return broker.connection();
    }

    public Topology topology() {
        return topology;
    }

    /** Creates the consumers of agent {@code name} with {@code role}. */
    public void provision(String name, String role) {
        broker.provision(topology, Map.of(name, role));
    }

    /** A runtime on the shared broker with in-memory stores, the system clock and no chat. */
    public AgentRuntime runtime() {
        return AgentRuntime.builder(broker).topology(topology).build();
    }

    /** Publishes {@code n} copies of {@link #BODY} to {@code subject}, asynchronously in windows, and waits for every ack. */
    public void publish(String subject, int n) {
        try {
            JetStream js = connection().jetStream();
            Deque<CompletableFuture<PublishAck>> window = new ArrayDeque<>();
            for (int i = 0; i < n; i++) {
                window.add(js.publishAsync(subject, BODY));
                if (window.size() >= PUBLISH_WINDOW) {
                    window.poll().get(30, TimeUnit.SECONDS);
                }
            }
            for (CompletableFuture<PublishAck> f : window) {
                f.get(30, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot open JetStream on " + url(), e);
        } catch (Exception e) {
            throw new IllegalStateException("publishing " + n + " messages to " + subject + " failed", e);
        }
    }

    /** Removes every message of the work stream, so repetitions do not fill the disk. */
    public void purgeWork() {
        try {
            connection().jetStreamManagement().purgeStream(Topology.REQUIREMENTS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot purge " + Topology.REQUIREMENTS, e);
        }
    }

    @Override
    public void close() {
        try {
            broker.close();
        } finally {
            server.close();
        }
    }

    private static byte[] body(int size) {
        String head = "{\"kind\":\"benchmark\",\"pad\":\"";
        String tail = "\"}";
        return (head + "x".repeat(size - head.length() - tail.length()) + tail).getBytes(StandardCharsets.UTF_8);
    }
}
