package dev.agentkit.nats;

import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.TopologyConflictException;
import dev.agentkit.core.internal.topology.Subjects;
import dev.agentkit.core.topology.ConsumerSpec;
import dev.agentkit.core.topology.StreamSpec;
import dev.agentkit.nats.internal.NatsFailures;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates or updates JetStream streams and durable consumers from agentkit specs, for
 * {@link JetStreamBroker#ensureStream} and {@link JetStreamBroker#ensureConsumer}: a stream is
 * created when missing, updated when a limit or its subjects differ, and left alone when equal. A
 * retention change, or subjects that overlap another stream, is a
 * {@link TopologyConflictException} naming the stream and the field; nothing is changed then.
 * More replicas than the cluster has servers is a {@link BrokerException} naming the stream, the
 * count asked and the cluster size (see {@link ClusterSize}).
 */
final class JetStreamProvisioner {
    private static final Logger log = LoggerFactory.getLogger(JetStreamProvisioner.class);

    private final JetStreamManagement jsm;
    private final Supplier<ClusterSize> clusterSize;

    /** {@code clusterSize} tells how many servers can hold replicas, when known. */
    JetStreamProvisioner(JetStreamManagement jsm, Supplier<ClusterSize> clusterSize) {
        this.jsm = jsm;
        this.clusterSize = clusterSize;
    }

    void ensureStream(StreamSpec spec) {
        clusterSize.get().check(spec);
        Optional<StreamConfiguration> existing = existing(spec.name());
        try {
            if (existing.isEmpty()) {
                jsm.addStream(toConfig(StreamConfiguration.builder().storageType(StorageType.File), spec));
                log.info("created stream {} on {}", spec.name(), spec.subjects());
                return;
            }
            StreamConfiguration current = existing.get();
            StreamSpec.Retention serverRetention = retention(current.getRetentionPolicy());
            if (serverRetention != spec.retention()) {
                throw new TopologyConflictException(spec.name(), "retention", serverRetention, spec.retention());
            }
            if (!matches(current, spec)) {
                jsm.updateStream(toConfig(StreamConfiguration.builder(current), spec));
                log.info("updated stream {} to {}", spec.name(), spec);
            }
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == NatsFailures.SUBJECTS_OVERLAP) {
                throw overlap(spec);
            }
            if (ClusterSize.isPlacementFailure(spec, e)) {
                throw clusterSize.get().tooFew(spec, e);
            }
            throw NatsFailures.wrap("ensure stream " + spec.name(), e);
        } catch (IOException e) {
            throw NatsFailures.wrap("ensure stream " + spec.name(), e);
        }
    }

    void ensureConsumer(ConsumerSpec spec) {
        ConsumerConfiguration.Builder b = ConsumerConfiguration.builder()
                .durable(spec.durable())
                .ackPolicy(AckPolicy.Explicit)
                .deliverPolicy(DeliverPolicy.All)
                .ackWait(spec.ackWait())
                .maxDeliver(spec.maxDeliver())
                .maxAckPending(spec.maxAckPending());
        if (!spec.filterSubjects().isEmpty()) {
            b.filterSubjects(spec.filterSubjects());
        }
        try {
            jsm.addOrUpdateConsumer(spec.stream(), b.build());
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == NatsFailures.WORK_QUEUE_FILTER_OVERLAP) {
                throw new TopologyConflictException(spec.stream(), "consumer filter", "another consumer's overlapping filter",
                        spec.durable() + " " + spec.filterSubjects() + " (work-queue filters must not overlap)");
            }
            if (e.getApiErrorCode() == NatsFailures.STREAM_NOT_FOUND) {
                throw new BrokerException("consumer " + spec.durable() + ": stream " + spec.stream() + " does not exist", false, e);
            }
            throw NatsFailures.wrap("ensure consumer " + spec.stream() + "/" + spec.durable(), e);
        } catch (IOException e) {
            throw NatsFailures.wrap("ensure consumer " + spec.stream() + "/" + spec.durable(), e);
        }
    }

    private Optional<StreamConfiguration> existing(String stream) {
        try {
            return Optional.of(jsm.getStreamInfo(stream).getConfiguration());
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == NatsFailures.STREAM_NOT_FOUND) {
                return Optional.empty();
            }
            throw NatsFailures.wrap("read stream " + stream, e);
        } catch (IOException e) {
            throw NatsFailures.wrap("read stream " + stream, e);
        }
    }

    /** The conflict for a refused overlap, naming the other stream and subject when it can be found. */
    private TopologyConflictException overlap(StreamSpec spec) {
        try {
            for (StreamInfo other : jsm.getStreams()) {
                StreamConfiguration oc = other.getConfiguration();
                if (oc.getName().equals(spec.name())) {
                    continue;
                }
                for (String theirs : oc.getSubjects()) {
                    for (String mine : spec.subjects()) {
                        if (Subjects.overlap(mine, theirs)) {
                            return new TopologyConflictException(spec.name(), "subjects",
                                    theirs + " (of stream " + oc.getName() + ")", mine);
                        }
                    }
                }
            }
        } catch (IOException | JetStreamApiException e) {
            log.debug("could not list streams to explain an overlap: {}", e.toString());
        }
        return new TopologyConflictException(spec.name(), "subjects", "overlapping another stream's", spec.subjects());
    }

    static StreamConfiguration toConfig(StreamConfiguration.Builder b, StreamSpec spec) {
        b.name(spec.name())
                .subjects(spec.subjects())
                .retentionPolicy(retention(spec.retention()))
                .maxMessages(spec.maxMessages())
                .maxAge(spec.maxAge())
                .replicas(spec.replicas());
        if (!spec.duplicateWindow().isZero()) {
            b.duplicateWindow(spec.duplicateWindow());
        }
        return b.build();
    }

    static boolean matches(StreamConfiguration c, StreamSpec spec) {
        boolean window = spec.duplicateWindow().isZero() || spec.duplicateWindow().equals(c.getDuplicateWindow());
        return new HashSet<>(c.getSubjects()).equals(new HashSet<>(spec.subjects()))
                && c.getMaxMsgs() == spec.maxMessages()
                && nonNull(c.getMaxAge()).equals(spec.maxAge())
                && c.getReplicas() == spec.replicas()
                && window;
    }

    static RetentionPolicy retention(StreamSpec.Retention r) {
        return switch (r) {
            case LIMITS -> RetentionPolicy.Limits;
            case WORK_QUEUE -> RetentionPolicy.WorkQueue;
            case INTEREST -> RetentionPolicy.Interest;
        };
    }

    static StreamSpec.Retention retention(RetentionPolicy p) {
        return switch (p) {
            case WorkQueue -> StreamSpec.Retention.WORK_QUEUE;
            case Interest -> StreamSpec.Retention.INTEREST;
            default -> StreamSpec.Retention.LIMITS;
        };
    }

    private static Duration nonNull(Duration d) {
        return d == null ? Duration.ZERO : d;
    }
}
