package dev.agentkit.testing.broker;

import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.TopologyConflictException;
import dev.agentkit.core.internal.topology.Subjects;
import dev.agentkit.core.topology.ConsumerSpec;
import dev.agentkit.core.topology.StreamSpec;
import java.util.List;
import java.util.Map;

/**
 * The checks JetStream makes when streams and consumers are created, so the in-memory broker
 * refuses what the server refuses: overlapping stream subjects (between streams or within one
 * stream), a retention change, and overlapping filters on a work-queue stream.
 */
final class StreamRules {
    private final Map<String, MemoryStream> streams;

    StreamRules(Map<String, MemoryStream> streams) {
        this.streams = streams;
    }

    void check(StreamSpec spec) {
        List<String> own = spec.subjects();
        for (int i = 0; i < own.size(); i++) {
            for (int j = i + 1; j < own.size(); j++) {
                if (Subjects.overlap(own.get(i), own.get(j))) {
                    throw new BrokerException("stream " + spec.name() + ": subject " + own.get(i) + " overlaps with "
                            + own.get(j) + " (a stream's own subjects must not overlap)", false);
                }
            }
        }
        MemoryStream existing = streams.get(spec.name());
        if (existing != null && existing.spec.retention() != spec.retention()) {
            throw new TopologyConflictException(spec.name(), "retention", existing.spec.retention(), spec.retention());
        }
        for (MemoryStream other : streams.values()) {
            if (other.spec.name().equals(spec.name())) {
                continue;
            }
            for (String mine : spec.subjects()) {
                for (String theirs : other.spec.subjects()) {
                    if (Subjects.overlap(mine, theirs)) {
                        throw new TopologyConflictException(spec.name(), "subjects",
                                theirs + " (of stream " + other.spec.name() + ")", mine);
                    }
                }
            }
        }
    }

    void checkConsumer(ConsumerSpec spec, MemoryStream stream, Map<ConsumerRef, MemoryConsumer> consumers) {
        if (stream.spec.retention() != StreamSpec.Retention.WORK_QUEUE) {
            return;
        }
        for (MemoryConsumer other : consumers.values()) {
            if (other.stream != stream || other.spec.durable().equals(spec.durable())) {
                continue;
            }
            if (filtersOverlap(spec, other.spec)) {
                throw new TopologyConflictException(stream.spec.name(), "consumer filter",
                        other.spec.durable() + " " + other.spec.filterSubjects(),
                        spec.durable() + " " + spec.filterSubjects() + " (work-queue filters must not overlap)");
            }
        }
    }

    private static boolean filtersOverlap(ConsumerSpec a, ConsumerSpec b) {
        if (a.filterSubjects().isEmpty() || b.filterSubjects().isEmpty()) {
            return true;
        }
        return a.filterSubjects().stream().anyMatch(x -> b.filterSubjects().stream().anyMatch(y -> Subjects.overlap(x, y)));
    }
}
