package dev.agentkit.nats;

import dev.agentkit.core.broker.ConsumerRef;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.api.ClusterInfo;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.ServerInfo;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a failover on a JetStream cluster from what it looks like to a client. While a
 * consumer's leader is being elected, a pull is answered "no responders", which ends the fetch
 * as if the queue were empty; while a stream's leader is being elected, a publish is answered "no
 * responders" as if no stream captured the subject. Each check asks the cluster once, with a
 * short timeout. Used by {@link JetStreamBroker} so that both are transient failures it retries.
 */
final class FailoverCheck {
    private static final Logger log = LoggerFactory.getLogger(FailoverCheck.class);
    /** How long one check waits for the cluster's answer. */
    static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final Connection connection;
    private final JetStreamManagement jsm;

    FailoverCheck(Connection connection) throws IOException {
        this.connection = connection;
        this.jsm = connection.jetStreamManagement(JetStreamOptions.builder().requestTimeout(TIMEOUT).build());
    }

    /**
     * Whether an empty fetch from {@code ref} hid a consumer without a leader: only on a cluster
     * (a single server's consumer always has one), where it costs one consumer-info request.
     */
    boolean consumerIsLeaderless(ConsumerRef ref) {
        if (!clustered()) {
            return false;
        }
        try {
            ConsumerInfo info = jsm.getConsumerInfo(ref.stream(), ref.durable());
            ClusterInfo cluster = info.getClusterInfo();
            return cluster != null && cluster.getLeader() == null;
        } catch (IOException e) {
            log.debug("consumer {} did not answer within {} ms: {}", ref, TIMEOUT.toMillis(), e.toString());
            return true;
        } catch (JetStreamApiException e) {
            log.debug("consumer {} answered the check with {}", ref, e.toString());
            return false;
        }
    }

    /** Whether no stream captures {@code subject}; false when that cannot be told now (a stream leader election). */
    boolean noStreamCaptures(String subject) {
        try {
            return jsm.getStreamNames(subject).isEmpty();
        } catch (IOException | JetStreamApiException e) {
            log.debug("could not tell whether a stream captures {}: {}", subject, e.toString());
            return false;
        }
    }

    private boolean clustered() {
        ServerInfo info = connection.getServerInfo();
        return info != null && info.getCluster() != null && !info.getCluster().isBlank();
    }
}
