package dev.agentkit.bench.nats;

import dev.agentkit.core.topology.Topology;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.nats.JetStreamBroker;
import dev.agentkit.nats.connect.NatsConnectionConfig;
import dev.agentkit.testing.nats.JetStreamCleanup;
import dev.agentkit.testing.nats.NatsServerFixture;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.api.PublishAck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real nats-server the end-to-end rows share: started like the integration tests start it
 * ({@link NatsServerFixture}: 127.0.0.1, a free port, a temporary store), one
 * {@link JetStreamBroker} on one connection, and a topology whose streams hold a 100k backlog.
 * Made once by {@code BenchMain} and passed to every real-server benchmark; B7 makes its own on
 * the nodes of a cluster with {@link #connect}.
 */
public final class NatsBench implements AutoCloseable {
    /** The message every drain row moves: 1 KiB of JSON. */
    public static final byte[] BODY = body(1024);
    private static final int PUBLISH_WINDOW = 2000;

    private final String url;
    private final Runnable stopServers;
    private final JetStreamBroker broker;
    private Topology topology;
    private CpuMeter.PerMessage lastCpu;

    private NatsBench(String url, Runnable stopServers, JetStreamBroker broker, Topology topology) {
        this.url = url;
        this.stopServers = stopServers;
        this.broker = broker;
        this.topology = topology;
    }

    /** Starts the server (or adopts {@code NATS_URL}), connects, and creates the topology's streams. */
    public static NatsBench start() {
        NatsServerFixture server = NatsServerFixture.start();
        try {
            return connect(List.of(server.url()), topology(1), server::close);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * Connects to servers that run already (a cluster's nodes) and creates {@code topology}'s
     * streams; {@link #close()} leaves the servers running.
     */
    public static NatsBench connect(List<String> urls, Topology topology) {
        return connect(urls, topology, () -> { });
    }

    private static NatsBench connect(List<String> urls, Topology topology, Runnable stopServers) {
        JetStreamBroker broker = JetStreamBroker.connect(NatsConnectionConfig.builder().servers(urls).build());
        try {
            topology.streams().forEach(broker::ensureStream);
            return new NatsBench(String.join(",", urls), stopServers, broker, topology);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /** The workshop topology with room for the backlogs and {@code replicas} of every stream. */
    public static Topology topology(int replicas) {
        return Topology.builder().maxMessages(1_000_000).replicas(replicas).build();
    }

    /** The server URL, comma-separated when there are several. */
    public String url() {
        return url;
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
            throw new IllegalStateException("cannot open JetStream on " + url, e);
        } catch (Exception e) {
            throw new IllegalStateException("publishing " + n + " messages to " + subject + " failed", e);
        }
    }

    /**
     * Deletes the streams of the current topology (their consumers go with them) and creates
     * those of {@code next}: how one row compares stream settings under the topology's fixed
     * stream names. Agents must be provisioned again afterwards.
     */
    public void replaceTopology(Topology next) {
        JetStreamCleanup.deleteStreams(connection(), topology);
        next.streams().forEach(broker::ensureStream);
        topology = next;
    }

    /**
     * Publishes {@code n} messages to {@code subject}, times {@code drain}, then purges the work
     * stream; seconds. What the drain cost in CPU per message is then {@link #lastCpu}.
     */
    public double timeDrain(String subject, int n, Drain drain) throws Exception {
        publish(subject, n);
        CpuMeter cpu = CpuMeter.start();
        long start = System.nanoTime();
        drain.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        lastCpu = cpu.perMessage(n);
        purgeWork();
        return seconds;
    }

    /** The CPU per message of the last {@link #timeDrain}'s drain; null before the first. */
    CpuMeter.PerMessage lastCpu() {
        return lastCpu;
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
            stopServers.run();
        }
    }

    /** One timed drain of a backlog. */
    @FunctionalInterface
    public interface Drain {
        void run() throws Exception;
    }

    private static byte[] body(int size) {
        String head = "{\"kind\":\"benchmark\",\"pad\":\"";
        String tail = "\"}";
        return (head + "x".repeat(size - head.length() - tail.length()) + tail).getBytes(StandardCharsets.UTF_8);
    }
}
