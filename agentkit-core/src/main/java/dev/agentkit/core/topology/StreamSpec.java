package dev.agentkit.core.topology;

import dev.agentkit.core.internal.topology.Subjects;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A stream a broker must have: its name, the subjects it captures, retention and limits.
 * Immutable; validated on construction. Part of a {@link Topology}; brokers create or update it
 * with {@code Broker.ensureStream}.
 *
 * @param name              stream name: letters, digits, {@code -} and {@code _}
 * @param subjects          subjects captured, wildcards allowed ({@code work.requirements.>})
 * @param retention         when messages are removed
 * @param maxMessages       the most messages kept (oldest removed first); {@code -1} for no limit
 * @param maxAge            how long a message is kept; {@link Duration#ZERO} for no limit
 * @param duplicateWindow   how long a message id is remembered for de-duplication
 * @param replicas          copies kept on a cluster (1 on a single server)
 */
public record StreamSpec(String name, List<String> subjects, Retention retention, long maxMessages,
                         Duration maxAge, Duration duplicateWindow, int replicas) {

    /** JetStream's default de-duplication window. */
    public static final Duration DEFAULT_DUPLICATE_WINDOW = Duration.ofMinutes(2);

    /** When a stream removes messages. */
    public enum Retention {
        /** Kept until a limit (count, age) removes them; every consumer sees every message. */
        LIMITS,
        /** Removed once acknowledged; consumers' filters may not overlap. */
        WORK_QUEUE,
        /** Removed once every consumer that existed when it arrived has acknowledged it. */
        INTEREST
    }

    public StreamSpec {
        Names.requireName("stream name", name);
        subjects = List.copyOf(Objects.requireNonNull(subjects, "subjects"));
        if (subjects.isEmpty()) {
            throw new IllegalArgumentException("stream " + name + " needs at least one subject");
        }
        subjects.forEach(s -> Subjects.requireValid("stream " + name + " subject", s));
        Objects.requireNonNull(retention, "retention");
        if (maxMessages == 0 || maxMessages < -1) {
            throw new IllegalArgumentException("stream " + name + ": maxMessages must be positive or -1, was " + maxMessages);
        }
        Names.requireNonNegative("stream " + name + " maxAge", maxAge);
        Names.requireNonNegative("stream " + name + " duplicateWindow", duplicateWindow);
        if (replicas < 1 || replicas > 5) {
            throw new IllegalArgumentException("stream " + name + ": replicas must be 1 to 5, was " + replicas);
        }
    }

    /** A limits-retention stream with no count or age limit and one replica. */
    public static StreamSpec of(String name, String... subjects) {
        return new StreamSpec(name, List.of(subjects), Retention.LIMITS, -1, Duration.ZERO,
                DEFAULT_DUPLICATE_WINDOW, 1);
    }

    /** A copy with another retention. */
    public StreamSpec withRetention(Retention r) {
        return new StreamSpec(name, subjects, r, maxMessages, maxAge, duplicateWindow, replicas);
    }

    /** A copy with other count and age limits. */
    public StreamSpec withLimits(long maxMessages, Duration maxAge) {
        return new StreamSpec(name, subjects, retention, maxMessages, maxAge, duplicateWindow, replicas);
    }

    /** A copy with another de-duplication window. */
    public StreamSpec withDuplicateWindow(Duration window) {
        return new StreamSpec(name, subjects, retention, maxMessages, maxAge, window, replicas);
    }

    /** A copy with another replica count. */
    public StreamSpec withReplicas(int n) {
        return new StreamSpec(name, subjects, retention, maxMessages, maxAge, duplicateWindow, n);
    }
}
