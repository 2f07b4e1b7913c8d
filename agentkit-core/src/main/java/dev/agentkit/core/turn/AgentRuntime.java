package dev.agentkit.core.turn;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.chat.ChatPort;
import dev.agentkit.core.oversight.AgentControl;
import dev.agentkit.core.oversight.Team;
import dev.agentkit.core.store.InMemoryProcessedStore;
import dev.agentkit.core.store.InMemoryStateStore;
import dev.agentkit.core.store.ProcessedStore;
import dev.agentkit.core.store.StateStore;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.core.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Everything outside an agent that its turns use: broker, chat, clock, stores, lease, topology,
 * and for oversight the team, the control flags and the turn listeners. Made once per process (or
 * per test by {@code AgentTestKit}) and shared by the agents of a team, except {@link #chat()},
 * which is per agent account: see {@link #withChat}.
 *
 * <p>Immutable; made with {@link #builder} (or changed with {@link #toBuilder}, {@link #withChat},
 * {@link #withTeam}).
 */
public final class AgentRuntime {
    private final Broker rawBroker;
    private final Broker broker;
    private final ChatPort rawChat;
    private final ChatPort chat;
    private final AgentClock clock;
    private final ProcessedStore processed;
    private final StateStore state;
    private final TurnLease lease;
    private final Topology topology;
    private final Team team;
    private final AgentControl control;
    private final List<TurnListener> listeners;
    private final List<TurnInterceptor> interceptors;

    private AgentRuntime(Builder b, StateStore state, ProcessedStore processed, TurnLease lease, AgentControl control) {
        this.rawBroker = b.broker;
        this.rawChat = Objects.requireNonNull(b.chat, "chat");
        this.interceptors = List.copyOf(b.interceptors);
        this.broker = decorated(rawBroker, TurnInterceptor::broker);
        this.chat = decorated(rawChat, TurnInterceptor::chat);
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.processed = processed;
        this.state = state;
        this.lease = lease;
        this.topology = Objects.requireNonNull(b.topology, "topology");
        this.team = Objects.requireNonNull(b.team, "team");
        this.control = control;
        this.listeners = List.copyOf(b.listeners);
    }

    /** {@code raw} as the interceptors decorate it, the first registered outermost. */
    private <T> T decorated(T raw, BiFunction<TurnInterceptor, T, T> decorate) {
        T out = raw;
        for (int i = interceptors.size() - 1; i >= 0; i--) {
            out = Objects.requireNonNull(decorate.apply(interceptors.get(i), out), "an interceptor decorated to null");
        }
        return out;
    }

    /** Where work and messages come from: the builder's broker as the {@link #interceptors()} decorated it. */
    public Broker broker() {
        return broker;
    }

    /** The agent's chat seat, as the {@link #interceptors()} decorated it. */
    public ChatPort chat() {
        return chat;
    }

    /** The source of time. */
    public AgentClock clock() {
        return clock;
    }

    /** Which items are done. */
    public ProcessedStore processed() {
        return processed;
    }

    /** Agents' state between turns. */
    public StateStore state() {
        return state;
    }

    /** One turn per agent at a time. */
    public TurnLease lease() {
        return lease;
    }

    /** Streams, consumers and subjects. */
    public Topology topology() {
        return topology;
    }

    /** The team's agents and roles, for {@code reassign} and {@code status}. */
    public Team team() {
        return team;
    }

    /** Pause, resume and turn-now flags humans set and schedulers read. */
    public AgentControl control() {
        return control;
    }

    /** Told of every turn and item, in order. */
    public List<TurnListener> listeners() {
        return listeners;
    }

    /** Run around every turn and item of the agents built on this runtime, the first outermost. */
    public List<TurnInterceptor> interceptors() {
        return interceptors;
    }

    /**
     * A builder over {@code broker} with no chat, the system clock, in-memory stores and the workshop
     * topology.
     */
    public static Builder builder(Broker broker) {
        return new Builder(broker);
    }

    /** A builder holding this runtime's parts, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder(rawBroker).chat(rawChat).clock(clock).processedStore(processed).stateStore(state).lease(lease)
                .topology(topology).team(team).control(control);
        b.listeners.addAll(listeners);
        b.interceptors.addAll(interceptors);
        return b;
    }

    /** The same runtime with another chat port (each agent has its own account), decorated by the interceptors. */
    public AgentRuntime withChat(ChatPort port) {
        return toBuilder().chat(port).build();
    }

    /**
     * This runtime as agent {@code agentName} uses it: with that agent's seat of {@link #chat()}
     * ({@link ChatPort#seatFor}), or this runtime itself when the port is the agent's own already.
     * {@link TurnBasedAgent} calls it when it is built.
     */
    public AgentRuntime forAgent(String agentName) {
        ChatPort seat = rawChat.seatFor(agentName);
        return seat == rawChat ? this : withChat(seat);
    }

    /** The same runtime with another team. */
    public AgentRuntime withTeam(Team t) {
        return toBuilder().team(t).build();
    }

    /** Builds an {@link AgentRuntime}. */
    public static final class Builder {
        private final Broker broker;
        private ChatPort chat = ChatPort.none();
        private AgentClock clock = AgentClock.system();
        private ProcessedStore processed;
        private StateStore state;
        private TurnLease lease;
        private Topology topology = Topology.workshopDefault();
        private Team team = Team.empty();
        private AgentControl control;
        private final List<TurnListener> listeners = new ArrayList<>();
        private final List<TurnInterceptor> interceptors = new ArrayList<>();

        private Builder(Broker broker) {
            this.broker = Objects.requireNonNull(broker, "broker");
        }

        /** The agent's chat seat; none by default. */
        public Builder chat(ChatPort chat) {
            this.chat = chat;
            return this;
        }

        /** The source of time; the system clock by default. */
        public Builder clock(AgentClock clock) {
            this.clock = clock;
            return this;
        }

        /** Which items are done; in memory by default. */
        public Builder processedStore(ProcessedStore store) {
            this.processed = store;
            return this;
        }

        /** Agents' state between turns; in memory by default. */
        public Builder stateStore(StateStore store) {
            this.state = store;
            return this;
        }

        /** One turn per agent at a time; in this process by default. */
        public Builder lease(TurnLease lease) {
            this.lease = lease;
            return this;
        }

        /** Streams, consumers and subjects; the workshop's by default. */
        public Builder topology(Topology topology) {
            this.topology = topology;
            return this;
        }

        /** The team's agents and roles (agent → role), for reassign and status commands. */
        public Builder team(Team team) {
            this.team = team;
            return this;
        }

        /** The control flags; by default kept in the state store. */
        public Builder control(AgentControl control) {
            this.control = control;
            return this;
        }

        /** Adds a listener told of every turn and item of the agents built on this runtime. */
        public Builder listener(TurnListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Adds an interceptor run around every turn and item of the agents built on this runtime
         * (after those added before, so inside them), whose {@link TurnInterceptor#broker} also
         * decorates the runtime's broker.
         */
        public Builder interceptor(TurnInterceptor interceptor) {
            this.interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        /**
         * Builds the runtime; the stores, lease and control not given default to in-memory ones on
         * this clock.
         */
        public AgentRuntime build() {
            StateStore s = state != null ? state : new InMemoryStateStore();
            return new AgentRuntime(this, s,
                    processed != null ? processed : new InMemoryProcessedStore(ProcessedStore.DEFAULT_RETENTION, clock),
                    lease != null ? lease : new LocalTurnLease(clock), control != null ? control : new AgentControl(s));
        }
    }
}
