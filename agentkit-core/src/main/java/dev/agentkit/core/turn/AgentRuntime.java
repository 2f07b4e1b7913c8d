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

/**
 * Everything outside an agent that its turns use: broker, chat, clock, stores, lease, topology,
 * and for oversight the team, the control flags and the turn listeners. Made once per process (or
 * per test by {@code AgentTestKit}) and shared by the agents of a team, except {@link #chat()},
 * which is per agent account: see {@link #withChat}.
 *
 * @param broker    where work and messages come from
 * @param chat      the agent's chat seat
 * @param clock     the source of time
 * @param processed which items are done
 * @param state     agents' state between turns
 * @param lease     one turn per agent at a time
 * @param topology  streams, consumers and subjects
 * @param team      the team's agents and roles, for {@code reassign} and {@code status}
 * @param control   pause, resume and turn-now flags humans set and schedulers read
 * @param listeners told of every turn and item, in order
 */
public record AgentRuntime(Broker broker, ChatPort chat, AgentClock clock, ProcessedStore processed,
                           StateStore state, TurnLease lease, Topology topology, Team team, AgentControl control,
                           List<TurnListener> listeners) {
    public AgentRuntime {
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(processed, "processed");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(control, "control");
        listeners = List.copyOf(listeners);
    }

    /** A runtime without a team or listeners, with control flags in {@code state}. */
    public AgentRuntime(Broker broker, ChatPort chat, AgentClock clock, ProcessedStore processed, StateStore state,
                        TurnLease lease, Topology topology) {
        this(broker, chat, clock, processed, state, lease, topology, Team.empty(), new AgentControl(state), List.of());
    }

    /** A builder over {@code broker} with no chat, the system clock, in-memory stores and the workshop topology. */
    public static Builder builder(Broker broker) {
        return new Builder(broker);
    }

    /** The same runtime with another chat port (each agent has its own account). */
    public AgentRuntime withChat(ChatPort port) {
        return new AgentRuntime(broker, port, clock, processed, state, lease, topology, team, control, listeners);
    }

    /**
     * This runtime as agent {@code agentName} uses it: with that agent's seat of {@link #chat()}
     * ({@link ChatPort#seatFor}), or this runtime itself when the port is the agent's own already.
     * {@link TurnBasedAgent} calls it when it is built.
     */
    public AgentRuntime forAgent(String agentName) {
        ChatPort seat = chat.seatFor(agentName);
        return seat == chat ? this : withChat(seat);
    }

    /** The same runtime with another team. */
    public AgentRuntime withTeam(Team t) {
        return new AgentRuntime(broker, chat, clock, processed, state, lease, topology, t, control, listeners);
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

        private Builder(Broker broker) {
            this.broker = Objects.requireNonNull(broker, "broker");
        }

        public Builder chat(ChatPort chat) {
            this.chat = chat;
            return this;
        }

        public Builder clock(AgentClock clock) {
            this.clock = clock;
            return this;
        }

        public Builder processedStore(ProcessedStore store) {
            this.processed = store;
            return this;
        }

        public Builder stateStore(StateStore store) {
            this.state = store;
            return this;
        }

        public Builder lease(TurnLease lease) {
            this.lease = lease;
            return this;
        }

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

        public AgentRuntime build() {
            StateStore s = state != null ? state : new InMemoryStateStore();
            return new AgentRuntime(broker, chat, clock,
                    processed != null ? processed : new InMemoryProcessedStore(ProcessedStore.DEFAULT_RETENTION, clock), s,
                    lease != null ? lease : new LocalTurnLease(clock), topology, team,
                    control != null ? control : new AgentControl(s), listeners);
        }
    }
}
