package dev.agentkit.nats;

import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.internal.topology.Subjects;
import dev.agentkit.core.topology.ConsumerSpec;
import dev.agentkit.core.topology.StreamSpec;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.nats.PlannedChange.Action;
import dev.agentkit.nats.internal.NatsFailures;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What provisioning a topology would do on a server, worked out without changing anything: per
 * stream, consumer and KV bucket whether it would be created, kept, updated (and how: subjects
 * widened, limits changed, a filter changed) or refused (a retention change, subjects that
 * overlap another stream, a push or non-explicit-ack consumer, another deliver policy). It
 * applies the rules of {@link JetStreamProvisioner}: what that class calls equal is kept, what
 * it updates is an update, what it refuses is a refusal. Used by {@code agentkit provision
 * --dry-run}; the workshop's hand-made {@code work.requirements.*} streams show what it is for.
 */
public final class ProvisioningPlan {
    private final List<PlannedChange> changes;

    private ProvisioningPlan(List<PlannedChange> changes) {
        this.changes = List.copyOf(changes);
    }

    /**
     * The plan for {@code topology}, the consumers of {@code agentRoles} (agent → role) and the
     * KV {@code buckets}, against what the server behind {@code connection} has now.
     *
     * @throws BrokerException if the server cannot be read
     */
    public static ProvisioningPlan of(Connection connection, Topology topology, Map<String, String> agentRoles,
                                      List<String> buckets) {
        try {
            JetStreamManagement jsm = connection.jetStreamManagement();
            List<StreamConfiguration> existing = jsm.getStreams().stream().map(StreamInfo::getConfiguration).toList();
            List<PlannedChange> out = new ArrayList<>();
            ClusterSize size = ClusterSize.of(connection);
            for (StreamSpec spec : topology.streams()) {
                out.add(stream(spec, existing, size));
            }
            for (Map.Entry<String, String> agent : agentRoles.entrySet()) {
                for (ConsumerSpec c : topology.consumersFor(agent.getKey(), agent.getValue()).all()) {
                    out.add(consumer(jsm, c, existing));
                }
            }
            for (String bucket : buckets) {
                boolean present = existing.stream().anyMatch(s -> s.getName().equals("KV_" + bucket));
                out.add(new PlannedChange(present ? Action.KEEP : Action.CREATE, "kv", bucket, ""));
            }
            return new ProvisioningPlan(out);
        } catch (IOException | JetStreamApiException e) {
            throw NatsFailures.wrap("read the server's streams for a provisioning plan", e);
        }
    }

    /** Every planned change, streams first, then consumers, then buckets. */
    public List<PlannedChange> changes() {
        return changes;
    }

    /** Whether provisioning would refuse something (and so fail). */
    public boolean refusesAny() {
        return changes.stream().anyMatch(c -> c.action() == Action.REFUSE);
    }

    private static PlannedChange stream(StreamSpec spec, List<StreamConfiguration> existing, ClusterSize size) {
        try {
            size.check(spec);
        } catch (BrokerException e) {
            return new PlannedChange(Action.REFUSE, "stream", spec.name(), e.getMessage());
        }
        Optional<StreamConfiguration> found = existing.stream().filter(s -> s.getName().equals(spec.name())).findFirst();
        String change = found.map(c -> String.join("; ", differences(c, spec)))
                .orElse("create on " + String.join(", ", spec.subjects()));
        Optional<String> overlap = overlap(spec, existing);
        if (overlap.isPresent()) {
            return new PlannedChange(Action.REFUSE, "stream", spec.name(), "would " + change + ", but "
                    + overlap.get());
        }
        if (found.isEmpty()) {
            return new PlannedChange(Action.CREATE, "stream", spec.name(), String.join(", ", spec.subjects()));
        }
        StreamConfiguration c = found.get();
        StreamSpec.Retention retention = JetStreamProvisioner.retention(c.getRetentionPolicy());
        if (retention != spec.retention()) {
            return new PlannedChange(Action.REFUSE, "stream", spec.name(), "retention " + retention + " cannot become "
                    + spec.retention() + " in place");
        }
        if (JetStreamProvisioner.matches(c, spec)) {
            return new PlannedChange(Action.KEEP, "stream", spec.name(), "");
        }
        return new PlannedChange(Action.UPDATE, "stream", spec.name(), change);
    }

    /** The first subject of {@code spec} that another existing stream's subjects overlap, said in words. */
    private static Optional<String> overlap(StreamSpec spec, List<StreamConfiguration> existing) {
        for (StreamConfiguration other : existing) {
            if (other.getName().equals(spec.name())) {
                continue;
            }
            for (String theirs : other.getSubjects()) {
                for (String mine : spec.subjects()) {
                    if (Subjects.overlap(mine, theirs)) {
                        return Optional.of(mine + " overlaps " + theirs + " of stream " + other.getName()
                                + " (remove or narrow " + other.getName() + " first)");
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static List<String> differences(StreamConfiguration c, StreamSpec spec) {
        List<String> diff = new ArrayList<>();
        if (!new HashSet<>(c.getSubjects()).equals(new HashSet<>(spec.subjects()))) {
            boolean wider = c.getSubjects().stream().allMatch(old -> spec.subjects().stream().anyMatch(n -> covers(n, old)));
            diff.add((wider ? "widen" : "change") + " subjects " + String.join(", ", c.getSubjects()) + " -> "
                    + String.join(", ", spec.subjects()));
        }
        differs(diff, "max messages", count(c.getMaxMsgs()), count(spec.maxMessages()));
        differs(diff, "max age", duration(c.getMaxAge()), duration(spec.maxAge()));
        differs(diff, "replicas", c.getReplicas(), spec.replicas());
        if (!spec.duplicateWindow().isZero()) {
            differs(diff, "duplicate window", duration(c.getDuplicateWindow()), duration(spec.duplicateWindow()));
        }
        return diff;
    }

    private static PlannedChange consumer(JetStreamManagement jsm, ConsumerSpec spec, List<StreamConfiguration> streams)
            throws IOException, JetStreamApiException {
        String target = spec.stream() + "/" + spec.durable();
        if (streams.stream().noneMatch(s -> s.getName().equals(spec.stream()))) {
            return new PlannedChange(Action.CREATE, "consumer", target, filter(spec.filterSubjects()));
        }
        ConsumerConfiguration c;
        try {
            c = jsm.getConsumerInfo(spec.stream(), spec.durable()).getConsumerConfiguration();
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == NatsFailures.CONSUMER_NOT_FOUND) {
                return new PlannedChange(Action.CREATE, "consumer", target, filter(spec.filterSubjects()));
            }
            throw e;
        }
        if (c.getDeliverSubject() != null && !c.getDeliverSubject().isBlank()) {
            return new PlannedChange(Action.REFUSE, "consumer", target, "it is a push consumer (delivers to "
                    + c.getDeliverSubject() + "); agents pull: remove it first");
        }
        if (c.getAckPolicy() != AckPolicy.Explicit) {
            return new PlannedChange(Action.REFUSE, "consumer", target, "ack policy " + c.getAckPolicy()
                    + " cannot become explicit in place: remove it first");
        }
        if (c.getDeliverPolicy() != DeliverPolicy.All) {
            return new PlannedChange(Action.REFUSE, "consumer", target, "deliver policy " + c.getDeliverPolicy()
                    + " cannot become all in place: remove it first");
        }
        List<String> diff = new ArrayList<>();
        List<String> filters = c.getFilterSubjects() == null ? List.of() : c.getFilterSubjects();
        if (!new HashSet<>(filters).equals(new HashSet<>(spec.filterSubjects()))) {
            diff.add("filter " + filter(filters) + " -> " + filter(spec.filterSubjects()));
        }
        differs(diff, "ack wait", duration(c.getAckWait()), duration(spec.ackWait()));
        differs(diff, "max deliver", count(c.getMaxDeliver()), count(spec.maxDeliver()));
        differs(diff, "max ack pending", count(c.getMaxAckPending()), count(spec.maxAckPending()));
        return new PlannedChange(diff.isEmpty() ? Action.KEEP : Action.UPDATE, "consumer", target,
                String.join("; ", diff));
    }

    /** Whether every subject {@code narrow} matches is matched by {@code wide}. */
    static boolean covers(String wide, String narrow) {
        String[] w = wide.split("\\.");
        String[] n = narrow.split("\\.");
        for (int i = 0; i < w.length; i++) {
            if (w[i].equals(">")) {
                return n.length > i;
            }
            if (i >= n.length || n[i].equals(">") || !(w[i].equals("*") || w[i].equals(n[i]))) {
                return false;
            }
        }
        return w.length == n.length;
    }

    private static void differs(List<String> diff, String what, Object server, Object wanted) {
        if (!server.equals(wanted)) {
            diff.add(what + " " + server + " -> " + wanted);
        }
    }

    private static String filter(List<String> subjects) {
        return subjects.isEmpty() ? "(none)" : String.join(", ", subjects);
    }

    private static String count(long n) {
        return n < 0 ? "unlimited" : Long.toString(n);
    }

    private static String duration(Duration d) {
        if (d == null || d.isZero()) {
            return "unlimited";
        }
        long s = d.toSeconds();
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        }
        return s % 86_400 == 0 ? s / 86_400 + "d" : s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    @Override
    public String toString() {
        return changes.stream().map(PlannedChange::toString).collect(Collectors.joining("\n"));
    }
}
