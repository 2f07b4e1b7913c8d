package dev.agentkit.testing.nats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real JetStream cluster for integration tests: {@code size} {@code nats-server} processes on
 * 127.0.0.1, each with free client and route ports, its own store directory and routes to every
 * other node. {@link #start(int)} returns once JetStream has a meta leader and can place a stream
 * on every node. Nodes can be killed (SIGKILL, as a crash), stopped and restarted on the same
 * ports and store, one at a time or all together; {@link #streamLeader(String)} and
 * {@link #consumerLeader(String, String)} say which node to kill to force a failover.
 *
 * <pre>{@code
 * try (NatsCluster cluster = NatsCluster.start(3)) {
 *     NatsConnectionConfig config = NatsConnectionConfig.builder().servers(cluster.urls()).build();
 *     ... provision R3 streams, publish, start agents ...
 *     ClusterNode leader = cluster.streamLeader("REQUIREMENTS");
 *     cluster.kill(leader);          // a new leader is elected among the others
 *     ...
 *     cluster.restart(leader);       // back with its data, catching up
 * }
 * }</pre>
 *
 * Server output goes to one log file per node in the cluster's temporary directory (see
 * {@link #logFile}); {@link #close()} stops every node and deletes the directory. The binary
 * comes from {@link NatsServerBinary}: a missing one skips the test, or fails it under
 * {@code CI=true}. {@code NATS_URL} is ignored: a cluster is always the fixture's own. Every
 * wait is bounded. Used by agentkit-nats' cluster integration tests and the benchmarks; users
 * may use it for their own.
 */
public final class NatsCluster implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NatsCluster.class);
    /** How long to wait for JetStream to elect a leader (meta group, stream or consumer). */
    public static final Duration LEADER_TIMEOUT = Duration.ofSeconds(30);

    private final Path dir;
    private final List<ClusterNode> nodes;
    private final List<NodeProcess> processes;

    private NatsCluster(Path dir, List<ClusterNode> nodes, List<NodeProcess> processes) {
        this.dir = dir;
        this.nodes = List.copyOf(nodes);
        this.processes = List.copyOf(processes);
    }

    /** Starts a cluster of {@code size} nodes (1 to 5) and waits until JetStream can place a stream on all of them. */
    public static NatsCluster start(int size) {
        if (size < 1 || size > 5) {
            throw new IllegalArgumentException("a test cluster has 1 to 5 nodes, not " + size);
        }
        Path executable = NatsServerBinary.fromEnvironment().require();
        NatsCluster cluster = create(executable, size);
        try {
            cluster.startAll();
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private static NatsCluster create(Path executable, int size) {
        try {
            Path dir = Files.createTempDirectory("agentkit-nats-cluster-");
            int[] ports = freeLoopbackPorts(2 * size);
            List<ClusterNode> nodes = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                String name = "n" + (i + 1);
                nodes.add(new ClusterNode(i, name, ports[2 * i], ports[2 * i + 1], dir.resolve(name + "-store")));
            }
            String clusterName = "agentkit-" + dir.getFileName().toString().replaceAll("[^A-Za-z0-9]", "").toLowerCase();
            List<NodeProcess> processes = nodes.stream()
                    .map(n -> new NodeProcess(n, executable, dir, clusterName, nodes)).toList();
            return new NatsCluster(dir, nodes, processes);
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare a directory for a nats-server cluster", e);
        }
    }

    /** How many nodes the cluster has (running or not). */
    public int size() {
        return nodes.size();
    }

    /** Every node, in order. */
    public List<ClusterNode> nodes() {
        return nodes;
    }

    /** The node at {@code index}, from 0. */
    public ClusterNode node(int index) {
        return nodes.get(index);
    }

    /** Every node's client URL, for {@code NatsConnectionConfig.builder().servers(..)}. */
    public List<String> urls() {
        return nodes.stream().map(ClusterNode::url).toList();
    }

    /** Every node's client URL, comma-separated: the {@code NATS_URL} form. */
    public String url() {
        return String.join(",", urls());
    }

    /** Whether {@code node} runs now. */
    public boolean isRunning(ClusterNode node) {
        return process(node).isRunning();
    }

    /** The file the server of {@code node} writes its log to (kept across restarts). */
    public Path logFile(ClusterNode node) {
        return process(node).logFile();
    }

    /** Kills {@code node} with SIGKILL, as a crash would; its store stays for {@link #restart}. */
    public void kill(ClusterNode node) {
        process(node).kill();
    }

    /** Stops {@code node} gracefully (SIGTERM), keeping its store. */
    public void stop(ClusterNode node) {
        process(node).stop();
    }

    /**
     * Starts {@code node} again on the same ports and store (stopping it first if it runs) and
     * waits until it greets clients and JetStream answers; it catches up with the others by itself.
     */
    public void restart(ClusterNode node) {
        NodeProcess p = process(node);
        p.stop();
        p.launch();
        p.awaitReady();
        awaitJetStream();
        log.info("restarted {}", node);
    }

    /** Stops every running node gracefully, all at once, keeping their stores. */
    public void stopAll() {
        processes.parallelStream().forEach(NodeProcess::stop);
    }

    /** Starts every node that is not running and waits until JetStream can place a stream on all of them. */
    public void startAll() {
        long started = System.nanoTime();
        List<NodeProcess> launched = processes.stream().filter(p -> !p.isRunning()).toList();
        launched.forEach(NodeProcess::launch);
        launched.forEach(NodeProcess::awaitReady);
        ClusterProbe.awaitPlacement(runningUrls(), size(), LEADER_TIMEOUT);
        log.info("nats-server cluster of {} ready in {} ms: {}", size(),
                Duration.ofNanos(System.nanoTime() - started).toMillis(), nodes);
    }

    /** Waits until JetStream's meta group has a leader and answers requests. */
    public void awaitJetStream() {
        ClusterProbe.await(runningUrls(), "JetStream to answer", LEADER_TIMEOUT, jsm -> {
            jsm.getAccountStatistics();
            return java.util.Optional.of(Boolean.TRUE);
        });
    }

    /** The node that leads {@code stream}, waiting (up to {@link #LEADER_TIMEOUT}) while one is elected. */
    public ClusterNode streamLeader(String stream) {
        return byName(ClusterProbe.streamLeader(runningUrls(), stream, LEADER_TIMEOUT));
    }

    /** The node that leads {@code consumer} of {@code stream}, waiting while one is elected. */
    public ClusterNode consumerLeader(String stream, String consumer) {
        return byName(ClusterProbe.consumerLeader(runningUrls(), stream, consumer, LEADER_TIMEOUT));
    }

    /** Stops every node and deletes the cluster's directory (stores, configurations, logs). */
    @Override
    public void close() {
        processes.parallelStream().forEach(NodeProcess::kill);
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(NatsCluster::deleteQuietly);
        } catch (IOException e) {
            log.warn("could not delete {}: {}", dir, e.toString());
        }
    }

    @Override
    public String toString() {
        return "nats-server cluster " + nodes.stream()
                .map(n -> n + (isRunning(n) ? "" : " down")).collect(Collectors.joining(", ")) + " in " + dir;
    }

    private NodeProcess process(ClusterNode node) {
        if (node.index() < 0 || node.index() >= nodes.size() || !nodes.get(node.index()).equals(node)) {
            throw new IllegalArgumentException(node + " is not a node of this cluster");
        }
        return processes.get(node.index());
    }

    private ClusterNode byName(String serverName) {
        return nodes.stream().filter(n -> n.name().equals(serverName)).findFirst()
                .orElseThrow(() -> new IllegalStateException("JetStream names leader " + serverName
                        + ", which is not a node of this cluster"));
    }

    private List<String> runningUrls() {
        List<String> urls = nodes.stream().filter(this::isRunning).map(ClusterNode::url).toList();
        if (urls.isEmpty()) {
            throw new IllegalStateException("no node of the cluster is running");
        }
        return urls;
    }

    private static int[] freeLoopbackPorts(int n) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                held.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return held.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            log.warn("could not delete {}: {}", p, e.toString());
        }
    }
}
