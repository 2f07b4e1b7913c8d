package dev.agentkit.nats;

import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.topology.StreamSpec;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.ServerInfo;
import java.util.OptionalInt;
import java.util.Set;

/**
 * How many servers the connected NATS deployment has, as far as the server's greeting tells (1
 * without a cluster; for a cluster the advertised client URLs, which count only the servers up
 * now), and the error for a stream that asks for more replicas than that. Used by
 * {@link JetStreamProvisioner} so that a replica count the deployment cannot hold fails with a
 * message naming the stream, the count and the cluster size, never a raw jnats error.
 *
 * @param clustered whether the server is part of a cluster
 * @param servers   the number of servers, when known
 */
record ClusterSize(boolean clustered, OptionalInt servers) {
    /** JetStream API errors a placement the cluster cannot hold comes back with. */
    private static final Set<Integer> PLACEMENT_ERRORS = Set.of(
            10005, // no suitable peers for placement
            10023, // insufficient resources
            10074); // replicas > 1 not supported in non-clustered mode

    /** What the greeting of {@code connection}'s current server tells. */
    static ClusterSize of(Connection connection) {
        ServerInfo info = connection.getServerInfo();
        if (info == null) {
            return new ClusterSize(true, OptionalInt.empty());
        }
        if (info.getCluster() == null || info.getCluster().isBlank()) {
            return new ClusterSize(false, OptionalInt.of(1));
        }
        int advertised = info.getConnectURLs() == null ? 0 : info.getConnectURLs().size();
        return new ClusterSize(true, advertised > 0 ? OptionalInt.of(advertised) : OptionalInt.empty());
    }

    /**
     * Fails when {@code spec} asks a single server for more than one replica. A cluster is not
     * checked up front: its advertised URLs shrink while a node is down, and an existing R3
     * stream must still be ensured then; the server's own refusal is interpreted instead.
     */
    void check(StreamSpec spec) {
        if (!clustered && spec.replicas() > 1) {
            throw tooFew(spec, null);
        }
    }

    /** Whether {@code e}, raised while creating or updating {@code spec}, is a placement the cluster cannot hold. */
    static boolean isPlacementFailure(StreamSpec spec, JetStreamApiException e) {
        return spec.replicas() > 1 && PLACEMENT_ERRORS.contains(e.getApiErrorCode());
    }

    /** The error for {@code spec} on this deployment, caused by {@code cause} (may be null). */
    BrokerException tooFew(StreamSpec spec, Exception cause) {
        String size = servers.isPresent() ? String.valueOf(servers.getAsInt()) : "unknown";
        return new BrokerException("stream " + spec.name() + " asks for " + spec.replicas()
                + " replicas, but the NATS cluster size is " + size
                + (clustered ? " (servers up now)" : " (a single server)")
                + ": a stream cannot have more replicas than there are JetStream servers", false, cause);
    }
}
