package dev.agentkit.routing.drain;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.PublishResult;
import dev.agentkit.core.chat.ChatPort;
import dev.agentkit.core.chat.Rooms;
import dev.agentkit.core.internal.message.HeaderValues;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.message.Headers;
import dev.agentkit.core.internal.oversight.DeadLetterIndex;
import dev.agentkit.core.routing.Requirement;
import dev.agentkit.core.routing.Router;
import dev.agentkit.core.routing.RoutingDecision;
import dev.agentkit.core.store.InMemoryStateStore;
import dev.agentkit.core.store.ProcessedStore;
import dev.agentkit.core.store.StateStore;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.routing.RoleNames;
import dev.agentkit.routing.roadmap.RoadmapSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts requirements on the agents' queues: routes each with a {@link Router} and publishes it
 * to {@code topology.requirementSubject(role)} ({@code work.requirements.<role>}) with the
 * requirement id as its message id. The body is JSON with {@code id}, {@code statement},
 * {@code tags} and {@code files}; headers name the sender, the type {@code requirement} and the
 * routing reason. Used by whoever feeds the team: a scheduled job, a CLI, a test.
 *
 * <p><b>Exactly once.</b> The broker de-duplicates on the message id, so running the drainer
 * again stores nothing twice and reports those requirements as duplicates. JetStream remembers
 * ids for the stream's duplicate window only (two minutes by default); give the drainer a
 * {@link ProcessedStore} with {@link Builder#publishedStore} to remember published ids for the
 * store's retention (a zero retention: for good), which also spares re-routing them (and
 * language-model calls).
 *
 * <p><b>Unroutable requirements</b> (every router declined, or one chose an invalid role name)
 * are never sent to a silent default: they are reported, and if so configured dead-lettered to
 * {@code topology.deadLetterSubject(name)} the way a turn dead-letters an item (a
 * {@code DeadLetter} of kind {@code unroutable}, indexed in the {@link DeadLetterIndex} of
 * {@link Builder#stateStore}, escalated once to the alerts room), and/or posted to the alerts
 * room through a {@link ChatPort}; both are idempotent across runs.
 * A publish that fails is reported as {@code FAILED} and the run goes on; run again to retry.
 *
 * <pre>{@code
 * QueueDrainer drainer = QueueDrainer.builder(broker, router).deadLetterUnroutable(true).build();
 * DrainReport report = drainer.drain(RoadmapSource.of(Path.of("ROADMAP.md")));
 * }</pre>
 *
 * Thread-safe if its broker, router, chat and store are; runs of one roadmap should not overlap.
 */
public final class QueueDrainer {
    /** The header that carries the routing reason on a published requirement. */
    public static final String ROUTING_REASON = "Agentkit-Routing-Reason";
    /** The {@link Headers#TYPE} of a published requirement. */
    public static final String TYPE = "requirement";
    /** The name a drainer has unless given another. */
    public static final String DEFAULT_NAME = "drainer";
    private static final Logger log = LoggerFactory.getLogger(QueueDrainer.class);

    private final Broker broker;
    private final Router router;
    private final Topology topology;
    private final String name;
    private final boolean deadLetterUnroutable;
    private final ChatPort chat;
    private final String alertsRoom;
    private final ProcessedStore publishedStore;
    private final Unroutable unroutable;

    private QueueDrainer(Builder b) {
        this.broker = b.broker;
        this.router = b.router;
        this.topology = b.topology;
        this.name = b.name;
        this.deadLetterUnroutable = b.deadLetterUnroutable;
        this.chat = b.chat;
        this.alertsRoom = b.alertsRoom;
        this.publishedStore = b.publishedStore;
        this.unroutable = new Unroutable(broker, name, topology.deadLetterSubject(name), deadLetterUnroutable, chat,
                alertsRoom, new DeadLetterIndex(b.state, b.clock));
    }

    /** A builder over {@code broker}, routing with {@code router}. */
    public static Builder builder(Broker broker, Router router) {
        return new Builder(broker, router);
    }

    /** Routes and publishes the pending requirements of {@code roadmap}; see the class comment. */
    public DrainReport drain(RoadmapSource roadmap) {
        return drain(roadmap.pending());
    }

    /** Routes and publishes {@code requirements}, in order; see the class comment. */
    public DrainReport drain(List<Requirement> requirements) {
        List<Placement> placements = new ArrayList<>();
        for (Requirement r : requirements) {
            Placement p = place(r);
            log.info("{}", p.summary());
            placements.add(p);
        }
        DrainReport report = new DrainReport(placements);
        log.info("{} drained {}", name, report.summary().lines().findFirst().orElse(""));
        return report;
    }

    private Placement place(Requirement r) {
        ProcessedStore store = publishedStore;
        if (store != null && store.isProcessed(storeKey(r))) {
            return new Placement(r, Placement.Status.DUPLICATE, null, null, "already published (recorded in the store)",
                    false, false);
        }
        Optional<RoutingDecision> decision;
        try {
            decision = router.route(r);
        } catch (RuntimeException e) {
            return unroutable(r, "the router failed: " + e);
        }
        if (decision == null || decision.isEmpty()) {
            return unroutable(r, "no router could place it");
        }
        RoutingDecision d = decision.get();
        if (!RoleNames.isValid(d.role())) {
            return unroutable(r, "the router chose '" + d.role() + "', which is not a valid role name (" + d.reason() + ")");
        }
        String subject = topology.requirementSubject(d.role());
        if (!HeaderValues.isSafe(r.id())) {
            return new Placement(r, Placement.Status.FAILED, d.role(), subject,
                    "the id cannot be a message id: it must be printable ASCII", false, false);
        }
        Envelope envelope = Envelope.ofJson(body(r)).withMessageId(r.id())
                .withHeader(Headers.SENDER, name)
                .withHeader(Headers.TYPE, TYPE)
                .withHeader(ROUTING_REASON, HeaderValues.safe(d.reason()));
        PublishResult result;
        try {
            result = broker.publish(subject, envelope);
        } catch (BrokerException e) {
            log.warn("{}: publishing to {} failed: {}", r.id(), subject, e.getMessage());
            return new Placement(r, Placement.Status.FAILED, d.role(), subject, "publish failed: " + e.getMessage(),
                    false, false);
        }
        if (store != null) {
            store.markProcessed(storeKey(r));
        }
        return new Placement(r, result.duplicate() ? Placement.Status.DUPLICATE : Placement.Status.PUBLISHED,
                d.role(), subject, d.reason(), false, false);
    }

    private Placement unroutable(Requirement r, String reason) {
        return unroutable.place(r, reason);
    }

    private String storeKey(Requirement r) {
        return name + ".published." + r.id();
    }

    /** The JSON body of a published requirement: id, statement, tags, files. */
    static Map<String, Object> body(Requirement r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", r.id());
        body.put("statement", r.statement());
        body.put("tags", r.tags());
        body.put("files", r.files());
        return body;
    }

    @Override
    public String toString() {
        return "QueueDrainer[" + name + ", " + router + ", deadLetterUnroutable=" + deadLetterUnroutable
                + ", alerts=" + (chat != null) + ", store=" + (publishedStore != null) + "]";
    }

    /** Builds a {@link QueueDrainer}; each setter validates at once. */
    public static final class Builder {
        private final Broker broker;
        private final Router router;
        private Topology topology = Topology.workshopDefault();
        private String name = DEFAULT_NAME;
        private boolean deadLetterUnroutable;
        private ChatPort chat;
        private String alertsRoom = Rooms.ALERTS;
        private ProcessedStore publishedStore;
        private StateStore state = new InMemoryStateStore();
        private AgentClock clock = AgentClock.system();

        private Builder(Broker broker, Router router) {
            this.broker = Objects.requireNonNull(broker, "broker");
            this.router = Objects.requireNonNull(router, "router");
        }

        /** The subjects to publish to; {@link Topology#workshopDefault()} by default. */
        public Builder topology(Topology topology) {
            this.topology = Objects.requireNonNull(topology, "topology");
            return this;
        }

        /**
         * The drainer's name, {@value #DEFAULT_NAME} by default: its sender header, its dead-letter
         * subject {@code work.deadletter.<name>} and the prefix of its store keys and alert ids.
         */
        public Builder name(String name) {
            this.name = RoleNames.require("drainer name", name);
            return this;
        }

        /**
         * Whether unroutable requirements go to {@code work.deadletter.<name>}, as dead letters
         * of kind {@code unroutable} (escalated through the {@link #alertUnroutable} chat instead
         * of its plain alert); off by default.
         */
        public Builder deadLetterUnroutable(boolean on) {
            this.deadLetterUnroutable = on;
            return this;
        }

        /** Posts unroutable requirements to the alerts room through {@code chat}; off by default. */
        public Builder alertUnroutable(ChatPort chat) {
            this.chat = Objects.requireNonNull(chat, "chat");
            return this;
        }

        /** The logical room for alerts, {@code alerts} by default. */
        public Builder alertsRoom(String room) {
            if (room == null || room.isBlank()) {
                throw new IllegalArgumentException("alerts room must not be blank");
            }
            this.alertsRoom = room;
            return this;
        }

        /** Remembers published ids in {@code store}, beyond the broker's duplicate window; none by default. */
        public Builder publishedStore(ProcessedStore store) {
            this.publishedStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * The team's state store, where unroutable dead letters are indexed as the agents index
         * theirs; an in-memory store by default, which the {@code DeadLetterDesk} makes up for
         * when it reads the letters.
         */
        public Builder stateStore(StateStore store) {
            this.state = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The clock that stamps index entries; the system clock by default. */
        public Builder clock(AgentClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The drainer. */
        public QueueDrainer build() {
            return new QueueDrainer(this);
        }
    }
}
