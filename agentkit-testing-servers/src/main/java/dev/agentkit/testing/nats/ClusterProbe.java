package dev.agentkit.testing.nats;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.ClusterInfo;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a running {@link NatsCluster} about JetStream through a short-lived jnats connection to its
 * running nodes: whether the meta group has a leader and can place a stream on every node, and
 * which node leads a stream or consumer. Every wait is bounded by a deadline.
 */
final class ClusterProbe {
    private static final Logger log = LoggerFactory.getLogger(ClusterProbe.class);
    private static final long POLL_NANOS = Duration.ofMillis(100).toNanos();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

    private ClusterProbe() {
    }

    /** A question to JetStream that may fail while leaders are being elected. */
    @FunctionalInterface
    interface Query<T> {
        /** The answer, or empty while there is none yet. */
        Optional<T> ask(JetStreamManagement jsm) throws IOException, JetStreamApiException;
    }

    /** Polls {@code query} against the running nodes until it answers; fails after {@code timeout}. */
    @SuppressWarnings("try") // jnats' Connection.close() may throw InterruptedException, which is handled below
    static <T> T await(List<String> urls, String what, Duration timeout, Query<T> query) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no attempt";
        while (true) {
            try (Connection nc = connect(urls)) {
                Optional<T> answer = query.ask(nc.jetStreamManagement(
                        JetStreamOptions.builder().requestTimeout(REQUEST_TIMEOUT).build()));
                if (answer.isPresent()) {
                    return answer.get();
                }
                last = "no answer yet";
            } catch (IOException | JetStreamApiException | RuntimeException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("timed out after " + timeout + " waiting for " + what + ": " + last);
            }
            log.debug("still waiting for {}: {}", what, last);
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /** Waits until JetStream answers account requests and can place a stream with {@code replicas} copies. */
    static void awaitPlacement(List<String> urls, int replicas, Duration timeout) {
        String probe = "AGENTKIT_CLUSTER_PROBE";
        await(urls, "JetStream to place a stream on " + replicas + " nodes", timeout, jsm -> {
            jsm.getAccountStatistics();
            jsm.addStream(StreamConfiguration.builder().name(probe).subjects("agentkit.cluster.probe")
                    .storageType(StorageType.Memory).replicas(replicas).build());
            jsm.deleteStream(probe);
            return Optional.of(Boolean.TRUE);
        });
    }

    /** The server name of the leader of {@code stream}, waiting for one to be elected. */
    static String streamLeader(List<String> urls, String stream, Duration timeout) {
        return await(urls, "a leader of stream " + stream, timeout,
                jsm -> leader(jsm.getStreamInfo(stream).getClusterInfo()));
    }

    /** The server name of the leader of {@code consumer} on {@code stream}, waiting for one to be elected. */
    static String consumerLeader(List<String> urls, String stream, String consumer, Duration timeout) {
        return await(urls, "a leader of consumer " + stream + "/" + consumer, timeout,
                jsm -> leader(jsm.getConsumerInfo(stream, consumer).getClusterInfo()));
    }

    private static Optional<String> leader(ClusterInfo info) {
        return Optional.ofNullable(info).map(ClusterInfo::getLeader).filter(l -> !l.isBlank());
    }

    private static Connection connect(List<String> urls) throws IOException, InterruptedException {
        return Nats.connect(Options.builder()
                .servers(urls.toArray(String[]::new))
                .ignoreDiscoveredServers()
                .noReconnect()
                .connectionTimeout(REQUEST_TIMEOUT)
                .connectionListener(QUIET)
                .errorListener(QUIET)
                .build());
    }

    /** Keeps jnats from logging the probe's connection events through java.util.logging. */
    private static final Quiet QUIET = new Quiet();

    private static final class Quiet implements ConnectionListener, ErrorListener {
        @Override
        @SuppressWarnings("deprecation") // still abstract in jnats 2.26; the four-argument form is the one called
        public void connectionEvent(Connection conn, Events type) {
        }
    }
}
