package dev.agentkit.nats;

import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.topology.StreamSpec;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.ServerInfo;
import java.util.OptionalInt;
import java.util.Set;

/**
 * How many servers the connected NATS deployment has, as far as the server's greeting tells
 * (1 without a cluster; the advertised client URLs of a cluster), and the error for a stream that
 * asks for more replicas than that. Used by {@link JetStreamProvisioner} so that a replica count
 * the cluster cannot hold fails with a message naming the stream, the count and the cluster size,
 * never a raw jnats error.
 */
final class ClusterSize {
    /** JetStream API errors a placement the cluster cannot hold comes back with. */
    private static final Set<Integer> PLACEMENT_ERRORS = Set.of(
            10005, // no suitable peers for placement
            10023, // insufficient resources
            10074); // replicas > 1 not supported in non-clustered mode

    private ClusterSize() {
    }

    /** The number of servers, when the greeting tells it; empty for a cluster that advertises no URLs. */
    static OptionalInt of(Connection connection) {
        ServerInfo info = connection.getServerInfo();
        if (info == null) {
            return OptionalInt.empty();
        }
        if (info.getCluster() == null || info.getCluster().isBlank()) {
            return OptionalInt.of(1);
        }
        int advertised = info.getConnectURLs() == null ? 0 : info.getConnectURLs().size();
        return advertised > 0 ? OptionalInt.of(advertised) : OptionalInt.empty();
    }

    /** Fails when {@code spec} asks for more replicas than a known cluster size. */
    static void check(StreamSpec spec, OptionalInt size) {
        if (size.isPresent() && spec.replicas() > size.getAsInt()) {
            throw tooFew(spec, describe(size), null);
        }
    }

    /** Whether {@code e}, raised while creating or updating {@code spec}, is a placement the cluster cannot hold. */
    static boolean isPlacementFailure(StreamSpec spec, JetStreamApiException e) {
        return spec.replicas() > 1 && PLACEMENT_ERRORS.contains(e.getApiErrorCode());
    }

    /** The error for {@code spec} on a cluster of {@code size}. */
    static BrokerException tooFew(StreamSpec spec, String size, Exception cause) {
        return new BrokerException("stream " + spec.name() + " asks for " + spec.replicas()
                + " replicas, but the NATS cluster size is " + size
                + " (a stream cannot have more replicas than there are JetStream servers)", false, cause);
    }

    /** The size for a message: the number, or "unknown". */
    static String describe(OptionalInt size) {
        return size.isPresent() ? String.valueOf(size.getAsInt()) : "unknown";
    }
}
