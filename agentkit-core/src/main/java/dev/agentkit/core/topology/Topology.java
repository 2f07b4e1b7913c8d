package dev.agentkit.core.topology;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The streams of an agent team and the consumers each agent gets on them, as data. Brokers
 * provision it idempotently; {@code TurnBasedAgent} reads it to know where its work, direct
 * messages and coordination come from and where its dead letters go.
 *
 * <p>{@link #workshopDefault()} is the team of the workshop: six limits-retention streams under
 * the {@code work.} prefix. Change limits with {@link #toBuilder()}.
 */
public final class Topology {
    public static final String REQUIREMENTS = "REQUIREMENTS";
    public static final String INTEGRATION = "INTEGRATION";
    public static final String ARCHITECTURE = "ARCHITECTURE";
    public static final String ISSUES = "ISSUES";
    public static final String DIRECT = "DIRECT";
    public static final String DEAD_LETTER = "DEAD_LETTER";

    private final String prefix;
    private final List<StreamSpec> streams;
    private final Duration ackWait;
    private final int maxDeliver;
    private final int maxAckPending;

    Topology(TopologyBuilder b) {
        this.prefix = b.prefix;
        this.ackWait = b.ackWait;
        this.maxDeliver = b.maxDeliver;
        this.maxAckPending = b.maxAckPending;
        this.streams = List.of(
                stream(b, REQUIREMENTS, "requirements"), stream(b, INTEGRATION, "integration"),
                stream(b, ARCHITECTURE, "architecture"), stream(b, ISSUES, "issues"),
                stream(b, DIRECT, "direct"), stream(b, DEAD_LETTER, "deadletter"));
        // validate consumer settings once, with a throwaway agent
        consumersFor("validation", "validation");
    }

    private static StreamSpec stream(TopologyBuilder b, String name, String token) {
        return new StreamSpec(name, List.of(b.prefix + "." + token + ".>"), StreamSpec.Retention.LIMITS,
                b.maxMessages, b.maxAge, b.duplicateWindow, b.replicas);
    }

    /** The workshop's six streams: 10,000 messages, 7 days, 3 deliveries, 30 s ack wait. */
    public static Topology workshopDefault() {
        return builder().build();
    }

    /** A builder with the workshop defaults. */
    public static TopologyBuilder builder() {
        return new TopologyBuilder();
    }

    /** A builder holding this topology's settings. */
    public TopologyBuilder toBuilder() {
        TopologyBuilder b = new TopologyBuilder().prefix(prefix).ackWait(ackWait).maxDeliver(maxDeliver)
                .maxAckPending(maxAckPending);
        StreamSpec s = streams.get(0);
        return b.maxMessages(s.maxMessages()).maxAge(s.maxAge()).duplicateWindow(s.duplicateWindow())
                .replicas(s.replicas());
    }

    /** Every stream, in a stable order. */
    public List<StreamSpec> streams() {
        return streams;
    }

    /** One stream by name. */
    public Optional<StreamSpec> stream(String name) {
        return streams.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The consumers an agent with this name and role reads. */
    public AgentConsumers consumersFor(String agent, String role) {
        Names.requireName("agent name", agent);
        Names.requireName("agent role", role);
        ConsumerSpec work = consumer(REQUIREMENTS, agent, requirementSubject(role), requirementSubject(role) + ".>");
        ConsumerSpec direct = consumer(DIRECT, agent, directSubject(agent));
        List<ConsumerSpec> coordination = List.of(consumer(ARCHITECTURE, agent), consumer(INTEGRATION, agent));
        return new AgentConsumers(work, direct, coordination);
    }

    private ConsumerSpec consumer(String stream, String durable, String... filters) {
        return new ConsumerSpec(stream, durable, List.of(filters), ackWait, maxDeliver, maxAckPending);
    }

    /** Where work for a role is published: {@code work.requirements.<role>}. */
    public String requirementSubject(String role) {
        return prefix + ".requirements." + Objects.requireNonNull(role, "role");
    }

    /** Where direct messages to an agent are published: {@code work.direct.<agent>}. */
    public String directSubject(String agent) {
        return prefix + ".direct." + Objects.requireNonNull(agent, "agent");
    }

    /**
     * The agent whose direct subject {@code subject} is ({@code work.direct.<agent>}, one valid
     * name token); empty for any other subject. Used to accept a question's reply-to only when it
     * names an agent's direct subject.
     */
    public Optional<String> directAgent(String subject) {
        String head = prefix + ".direct.";
        if (subject == null || !subject.startsWith(head)) {
            return Optional.empty();
        }
        String agent = subject.substring(head.length());
        return Names.isName(agent) ? Optional.of(agent) : Optional.empty();
    }

    /** Where an agent's dead letters go: {@code work.deadletter.<agent>}. */
    public String deadLetterSubject(String agent) {
        return prefix + ".deadletter." + Objects.requireNonNull(agent, "agent");
    }

    /** A completed-work announcement: {@code work.integration.<event>}. */
    public String integrationSubject(String event) {
        return prefix + ".integration." + Objects.requireNonNull(event, "event");
    }

    /** A design decision or API spec: {@code work.architecture.<topic>}. */
    public String architectureSubject(String topic) {
        return prefix + ".architecture." + Objects.requireNonNull(topic, "topic");
    }

    /** A bug report or blocker: {@code work.issues.<topic>}. */
    public String issueSubject(String topic) {
        return prefix + ".issues." + Objects.requireNonNull(topic, "topic");
    }

    /** The subject prefix, {@code work} by default. */
    public String prefix() {
        return prefix;
    }

    @Override
    public String toString() {
        return "Topology[prefix=" + prefix + ", streams=" + streams.stream().map(StreamSpec::name).toList()
                + ", ackWait=" + ackWait + ", maxDeliver=" + maxDeliver + "]";
    }
}
