package dev.agentkit.core.turn;

import dev.agentkit.core.budget.UsageBudget;
import dev.agentkit.core.chat.Rooms;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who an agent is and how its turns behave: name, role, room, budgets and retry delays.
 * Immutable; made with {@link #builder(String)}. Passed to the {@code TurnBasedAgent} constructor.
 *
 * <p>Made with {@link #builder(String)} (or {@link #toBuilder()} to change a copy); no public
 * constructor, so settings can be added in later versions without breaking callers.
 */
public final class AgentConfig {
    /** The default {@link #brokerRetry}: longer than a JetStream leader election takes. */
    public static final Duration DEFAULT_BROKER_RETRY = Duration.ofSeconds(15);
    /** The default {@link #failureDelay}, also the work loop's (agentkit-routing). */
    public static final Duration DEFAULT_FAILURE_DELAY = Duration.ofMinutes(5);
    /** The default {@link #blockedDelay}, also the work loop's (agentkit-routing). */
    public static final Duration DEFAULT_BLOCKED_DELAY = Duration.ofMinutes(30);

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

    private final String name;
    private final String role;
    private final String room;
    private final String alertsRoom;
    private final TurnBudget budget;
    private final int fetchBatch;
    private final Duration failureDelay;
    private final Duration blockedDelay;
    private final Duration leaseTtl;
    private final UsageBudget usageBudget;
    private final Duration brokerRetry;

    private AgentConfig(String name, String role, String room, String alertsRoom, TurnBudget budget, int fetchBatch,
                        Duration failureDelay, Duration blockedDelay, Duration leaseTtl, UsageBudget usageBudget,
                        Duration brokerRetry) {
        requireName("agent name", name);
        requireName("role of " + name, role);
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(alertsRoom, "alertsRoom");
        Objects.requireNonNull(budget, "budget");
        if (fetchBatch < 1) {
            throw new IllegalArgumentException("fetchBatch of " + name + " must be positive, was " + fetchBatch);
        }
        requirePositive("failureDelay of " + name, failureDelay);
        requirePositive("blockedDelay of " + name, blockedDelay);
        requirePositive("leaseTtl of " + name, leaseTtl);
        Objects.requireNonNull(usageBudget, "usageBudget");
        if (brokerRetry == null || brokerRetry.isNegative()) {
            throw new IllegalArgumentException("brokerRetry of " + name + " must be zero or positive, was " + brokerRetry);
        }
        this.name = name;
        this.role = role;
        this.room = room;
        this.alertsRoom = alertsRoom;
        this.budget = budget;
        this.fetchBatch = fetchBatch;
        this.failureDelay = failureDelay;
        this.blockedDelay = blockedDelay;
        this.leaseTtl = leaseTtl;
        this.usageBudget = usageBudget;
        this.brokerRetry = brokerRetry;
    }

    /** The agent's name; also its durable consumer name. */
    public String name() {
        return name;
    }

    /** The role whose requirements it takes, e.g. {@code backend}. */
    public String role() {
        return role;
    }

    /** The logical chat room it posts status to. */
    public String room() {
        return room;
    }

    /** The logical chat room for alerts. */
    public String alertsRoom() {
        return alertsRoom;
    }

    /** What one turn may do. */
    public TurnBudget budget() {
        return budget;
    }

    /**
     * The most work deliveries fetched at once, 1 by default; a larger batch only applies without a
     * deadline or usage budget, and a provider quota error in the middle of it defers the rest (nak
     * until the reset: one delivery each). With a larger batch the turn asks for the next batch
     * while it works on the last (on a broker that can, as {@code JetStreamBroker}), so up to two
     * batches are held by this instance and their ack wait runs meanwhile: choose a batch whose
     * work takes well under half the ack wait. A turn that ends early hands what it did not
     * process back at once.
     */
    public int fetchBatch() {
        return fetchBatch;
    }

    /** Redelivery delay after {@code processWork} throws. */
    public Duration failureDelay() {
        return failureDelay;
    }

    /** Redelivery delay of a blocked item. */
    public Duration blockedDelay() {
        return blockedDelay;
    }

    /** How long a turn lease lasts if its holder dies. */
    public Duration leaseTtl() {
        return leaseTtl;
    }

    /** What the agent may spend on language models per period. */
    public UsageBudget usageBudget() {
        return usageBudget;
    }

    /**
     * How long, in all, one turn retries broker reads that fail transiently (a lost server, a stream
     * or consumer leader being elected on a cluster) before it ends with {@link
     * StopReason#BROKER_FAILURE}; never past the turn's deadline.
     */
    public Duration brokerRetry() {
        return brokerRetry;
    }

    private static void requireName(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be 1-32 lower-case letters, digits, '-' or '_', was '"
                    + value + "'");
        }
    }

    private static void requirePositive(String what, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + d);
        }
    }

    /**
     * A builder for agent {@code name}; its role defaults to the name, its room to {@code general}
     * ({@link Rooms#GENERAL}).
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder holding these settings, to make a changed copy. */
    public Builder toBuilder() {
        return builder(name).role(role).room(room).alertsRoom(alertsRoom).budget(budget).fetchBatch(fetchBatch)
                .failureDelay(failureDelay).blockedDelay(blockedDelay).leaseTtl(leaseTtl).usageBudget(usageBudget)
                .brokerRetry(brokerRetry);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AgentConfig c && name.equals(c.name) && role.equals(c.role) && room.equals(c.room)
                && alertsRoom.equals(c.alertsRoom) && budget.equals(c.budget) && fetchBatch == c.fetchBatch
                && failureDelay.equals(c.failureDelay) && blockedDelay.equals(c.blockedDelay)
                && leaseTtl.equals(c.leaseTtl) && usageBudget.equals(c.usageBudget) && brokerRetry.equals(c.brokerRetry);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, role, room, alertsRoom, budget, fetchBatch, failureDelay, blockedDelay, leaseTtl,
                usageBudget, brokerRetry);
    }

    @Override
    public String toString() {
        return "AgentConfig[name=" + name + ", role=" + role + ", room=" + room + ", alertsRoom=" + alertsRoom
                + ", budget=" + budget + ", fetchBatch=" + fetchBatch + ", failureDelay=" + failureDelay
                + ", blockedDelay=" + blockedDelay + ", leaseTtl=" + leaseTtl + ", usageBudget=" + usageBudget
                + ", brokerRetry=" + brokerRetry + "]";
    }

    /** Builds an {@link AgentConfig}; {@link #build()} validates. */
    public static final class Builder {
        private final String name;
        private String role;
        private String room;
        private String alertsRoom = Rooms.ALERTS;
        private TurnBudget budget = TurnBudget.DEFAULT;
        private int fetchBatch = 1;
        private Duration failureDelay = DEFAULT_FAILURE_DELAY;
        private Duration blockedDelay = DEFAULT_BLOCKED_DELAY;
        private Duration leaseTtl;
        private UsageBudget usageBudget = UsageBudget.UNLIMITED;
        private Duration brokerRetry = DEFAULT_BROKER_RETRY;

        private Builder(String name) {
            this.name = name;
        }

        public Builder role(String role) {
            this.role = role;
            return this;
        }

        public Builder room(String room) {
            this.room = room;
            return this;
        }

        public Builder alertsRoom(String room) {
            this.alertsRoom = room;
            return this;
        }

        public Builder budget(TurnBudget budget) {
            this.budget = budget;
            return this;
        }

        /** What the agent may spend on language models per period; unlimited by default. */
        public Builder usageBudget(UsageBudget b) {
            this.usageBudget = b;
            return this;
        }

        /** The most work deliveries fetched at once; see {@link AgentConfig#fetchBatch()}. */
        public Builder fetchBatch(int n) {
            this.fetchBatch = n;
            return this;
        }

        public Builder failureDelay(Duration d) {
            this.failureDelay = d;
            return this;
        }

        public Builder blockedDelay(Duration d) {
            this.blockedDelay = d;
            return this;
        }

        /** How long a lease lasts if its holder dies; by default the budget's duration plus 5 minutes. */
        public Builder leaseTtl(Duration d) {
            this.leaseTtl = d;
            return this;
        }

        /**
         * How long one turn retries broker reads that fail transiently, in all; 15 s by default,
         * zero to give up at the first failure.
         */
        public Builder brokerRetry(Duration d) {
            this.brokerRetry = d;
            return this;
        }

        public AgentConfig build() {
            Duration ttl = leaseTtl != null ? leaseTtl
                    : (budget != null && budget.hasDeadline() ? budget.maxDuration() : Duration.ofMinutes(30))
                    .plusMinutes(5);
            return new AgentConfig(name, role == null ? name : role, room == null ? Rooms.GENERAL : room,
                    alertsRoom, budget, fetchBatch, failureDelay, blockedDelay, ttl, usageBudget, brokerRetry);
        }
    }
}
