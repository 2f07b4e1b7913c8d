package dev.agentkit.testing.nats;

import java.nio.file.Path;

/**
 * One node of a {@link NatsCluster}: its server name, client and route ports on 127.0.0.1 and
 * its JetStream store directory, all fixed for the cluster's life, so a restarted node comes
 * back as the same peer with the same data. Handed out by {@link NatsCluster#node(int)} and
 * {@link NatsCluster#streamLeader(String)}; pass it to {@link NatsCluster#kill} and
 * {@link NatsCluster#restart}.
 *
 * @param index      the node's position in the cluster, from 0
 * @param name       the server name ({@code n1}, {@code n2}, ...), as JetStream names peers and leaders
 * @param clientPort the port clients connect to
 * @param routePort  the port the other nodes route to
 * @param storeDir   the node's own JetStream store directory
 */
public record ClusterNode(int index, String name, int clientPort, int routePort, Path storeDir) {

    /** The client URL, {@code nats://127.0.0.1:<clientPort>}. */
    public String url() {
        return "nats://127.0.0.1:" + clientPort;
    }

    /** The route URL the other nodes use, {@code nats-route://127.0.0.1:<routePort>}. */
    public String routeUrl() {
        return "nats-route://127.0.0.1:" + routePort;
    }

    @Override
    public String toString() {
        return name + " (" + url() + ")";
    }
}
