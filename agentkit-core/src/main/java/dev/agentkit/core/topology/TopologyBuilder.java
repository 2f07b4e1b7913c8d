package dev.agentkit.core.topology;

import dev.agentkit.core.internal.topology.Subjects;
import java.time.Duration;

/** Builds a {@link Topology}; every setter validates at once and {@link #build()} checks the whole. */
public final class TopologyBuilder {
    String prefix = "work";
    long maxMessages = 10_000;
    Duration maxAge = Duration.ofDays(7);
    Duration duplicateWindow = StreamSpec.DEFAULT_DUPLICATE_WINDOW;
    int replicas = 1;
    Duration ackWait = ConsumerSpec.DEFAULT_ACK_WAIT;
    int maxDeliver = ConsumerSpec.DEFAULT_MAX_DELIVER;
    int maxAckPending = ConsumerSpec.DEFAULT_MAX_ACK_PENDING;

    TopologyBuilder() {
    }

    /** The first subject token of every stream, {@code work} by default. */
    public TopologyBuilder prefix(String prefix) {
        Subjects.requireValid("topology prefix", prefix);
        if (prefix.contains("*") || prefix.contains(">")) {
            throw new IllegalArgumentException("topology prefix must not contain wildcards: " + prefix);
        }
        this.prefix = prefix;
        return this;
    }

    /** The most messages each stream keeps; {@code -1} for no limit. */
    public TopologyBuilder maxMessages(long n) {
        this.maxMessages = n;
        return this;
    }

    /** How long each stream keeps a message; zero for no limit. */
    public TopologyBuilder maxAge(Duration d) {
        this.maxAge = d;
        return this;
    }

    /** How long a message id is remembered for de-duplication. */
    public TopologyBuilder duplicateWindow(Duration d) {
        this.duplicateWindow = d;
        return this;
    }

    /** Replicas of every stream on a cluster (1 to 5). */
    public TopologyBuilder replicas(int n) {
        this.replicas = n;
        return this;
    }

    /** How long an agent's delivery may go unacknowledged before redelivery. */
    public TopologyBuilder ackWait(Duration d) {
        this.ackWait = d;
        return this;
    }

    /** How many deliveries a work item gets before it is dead-lettered. */
    public TopologyBuilder maxDeliver(int n) {
        this.maxDeliver = n;
        return this;
    }

    /** The most unacknowledged deliveries of one agent consumer. */
    public TopologyBuilder maxAckPending(int n) {
        this.maxAckPending = n;
        return this;
    }

    /** The topology; throws {@link IllegalArgumentException} naming the first bad setting. */
    public Topology build() {
        return new Topology(this);
    }
}
