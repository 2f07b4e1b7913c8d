package dev.agentkit.core.oversight;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.chat.ChatBatch;
import dev.agentkit.core.chat.ChatException;
import dev.agentkit.core.chat.ChatMessage;
import dev.agentkit.core.chat.ChatPort;
import dev.agentkit.core.chat.Rooms;
import dev.agentkit.core.internal.oversight.CommandAddressing;
import dev.agentkit.core.internal.oversight.CommandExecutor;
import dev.agentkit.core.internal.oversight.CommandLedger;
import dev.agentkit.core.internal.oversight.DeadLetterIndex;
import dev.agentkit.core.internal.oversight.Escalation;
import dev.agentkit.core.store.StateStore;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.core.topology.ConsumerSpec;
import dev.agentkit.core.topology.Topology;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Oversight without an agent's turn: reads {@code work.deadletter.>} on a durable of its own,
 * indexes each letter and escalates the ones nobody escalated (items no role fits, letters from
 * other processes), then reads the chat and executes every command of an allowed human addressed
 * to a team agent or given in the alerts room, answering in the room. Anyone can run it: a
 * human-operated process, a cron job, the demo, next to the scheduler. Commands act once across
 * the desk and the agents as long as they share the {@link StateStore}.
 *
 * <pre>{@code
 * DeadLetterDesk desk = DeadLetterDesk.builder(broker, deskChat, stateStore).team(team).build();
 * DeskReport r = desk.runOnce();   // e.g. every minute
 * }</pre>
 */
public final class DeadLetterDesk {
    private static final Logger log = LoggerFactory.getLogger(DeadLetterDesk.class);
    private static final int BATCH = 50;
    private static final int MAX_LETTERS_PER_RUN = 500;
    private static final Duration CHAT_RETRY = Duration.ofMinutes(1);

    private final Broker broker;
    private final ChatPort chat;
    private final StateStore state;
    private final Builder config;
    private final ConsumerSpec consumer;
    private final DeadLetterIndex index;
    private final CommandLedger ledger;
    private final CommandExecutor executor;
    private boolean provisioned;

    private DeadLetterDesk(Builder b) {
        this.broker = b.broker;
        this.chat = b.chat;
        this.state = b.state;
        this.config = b;
        this.consumer = new ConsumerSpec(Topology.DEAD_LETTER, b.durable, List.of(b.topology.deadLetterSubject(">")),
                ConsumerSpec.DEFAULT_ACK_WAIT, -1, ConsumerSpec.DEFAULT_MAX_ACK_PENDING);
        this.index = new DeadLetterIndex(b.state, b.clock);
        this.ledger = new CommandLedger(b.state, b.clock);
        AgentControl control = b.control != null ? b.control : new AgentControl(b.state);
        this.executor = new CommandExecutor(b.broker, b.topology, b.state, b.team, control, null, b.clock);
    }

    /** A desk over the team's broker, its own chat seat and the team's state store. */
    public static Builder builder(Broker broker, ChatPort chat, StateStore state) {
        return new Builder(broker, chat, state);
    }

    /**
     * Reads new dead letters, then new chat messages; never throws for chat failures (reported),
     * nor for a letter it cannot index (logged, read again later).
     */
    public synchronized DeskReport runOnce() {
        if (!provisioned) {
            broker.ensureConsumer(consumer);
            provisioned = true;
        }
        Run run = new Run();
        readLetters(run);
        readCommands(run);
        return new DeskReport(run.letters, run.escalated, run.commands, run.chatError);
    }

    /** The counters of one run. */
    private static final class Run {
        int letters;
        int escalated;
        int commands;
        String chatError;

        void chatFailed(String message) {
            if (chatError == null) {
                chatError = message;
            }
        }
    }

    private void readLetters(Run run) {
        ConsumerRef ref = ConsumerRef.of(consumer);
        while (run.letters < MAX_LETTERS_PER_RUN) {
            List<Delivery> batch;
            try {
                batch = broker.fetch(ref, BATCH, Duration.ZERO);
            } catch (BrokerException e) {
                log.warn("desk {} could not read the dead letters ({}); it reads them next run", config.durable,
                        e.getMessage());
                return;
            }
            if (batch.isEmpty()) {
                break;
            }
            for (Delivery d : batch) {
                run.letters++;
                if (run.chatError != null) {
                    d.nak(CHAT_RETRY);
                    continue;
                }
                readLetter(run, d);
            }
        }
    }

    /**
     * Indexes and escalates one letter, then acks it. A chat failure naks it for a later run; any
     * other failure (a store that cannot write, a broker refusal) is logged and naks it too, so
     * one bad letter never stops the desk from serving commands.
     */
    private void readLetter(Run run, Delivery d) {
        try {
            if (escalate(d, DeadLetter.from(d.subject(), d.envelope()))) {
                run.escalated++;
            }
            d.ack();
        } catch (ChatException e) {
            log.warn("desk {} could not post an escalation: {}", config.durable, e.getMessage());
            run.chatFailed(e.getMessage());
            d.nak(CHAT_RETRY);
        } catch (RuntimeException e) {
            boolean transientFailure = e instanceof BrokerException b && b.isTransient();
            log.warn("desk {} could not index the dead letter {}:{} ({}: {}); it reads it again in {}", config.durable,
                    d.stream(), d.streamSequence(), transientFailure ? "transient" : "lasting", e.toString(), CHAT_RETRY);
            d.nak(CHAT_RETRY);
        }
    }

    /** Indexes {@code letter} (read at {@code d}) and posts its alert unless it was posted; the escalation is recorded after the post. */
    private boolean escalate(Delivery d, DeadLetter letter) {
        if (index.isEscalated(letter)) {
            return false;
        }
        index.recordNew(d.subject(), d.stream(), d.streamSequence(), letter);
        chat.post(config.alertsRoom, Escalation.text(letter), Escalation.key(letter));
        index.markEscalated(letter);
        log.info("desk {} escalated the dead letter of {} from {}", config.durable, letter.item(), letter.agent());
        return true;
    }

    private void readCommands(Run run) {
        String cursorKey = "oversight.desk." + config.durable + ".cursor";
        ChatBatch batch;
        try {
            batch = chat.read(state.get(cursorKey).orElse(null));
        } catch (ChatException e) {
            log.warn("desk {} could not read the chat: {}", config.durable, e.getMessage());
            run.chatFailed(e.getMessage());
            return;
        }
        try {
            for (ChatMessage m : batch.messages()) {
                Optional<Command> command = m.fromHuman() ? CommandAddressing.forDesk(m, config.team, config.alertsRoom)
                        : Optional.empty();
                if (command.isEmpty()) {
                    continue;
                }
                if (!m.mayCommand()) {
                    log.info("desk {} ignores a command from {} in {}: sender may not command agents", config.durable,
                            m.sender(), m.room());
                    continue;
                }
                run.commands++;
                Optional<String> reply = ledger.once(m, config.durable, () -> executor.execute(command.get(), m.sender()));
                if (reply.isPresent()) {
                    chat.post(m.room(), reply.get(), config.durable + ":reply:" + m.id());
                }
            }
        } catch (ChatException e) {
            log.warn("desk {} could not answer in the chat: {}; the commands are done and answered next run",
                    config.durable, e.getMessage());
            run.chatFailed(e.getMessage());
            return;
        }
        if (batch.nextCursor() != null) {
            state.put(cursorKey, batch.nextCursor());
        }
    }

    /** Builds a {@link DeadLetterDesk}. */
    public static final class Builder {
        private final Broker broker;
        private final ChatPort chat;
        private final StateStore state;
        private Topology topology = Topology.workshopDefault();
        private Team team = Team.empty();
        private AgentControl control;
        private String durable = "oversight-desk";
        private String alertsRoom = Rooms.ALERTS;
        private AgentClock clock = AgentClock.system();

        private Builder(Broker broker, ChatPort chat, StateStore state) {
            this.broker = broker;
            this.chat = chat;
            this.state = state;
        }

        /** The team's topology; the workshop's by default. */
        public Builder topology(Topology t) {
            this.topology = t;
            return this;
        }

        /** The agents and roles, for reassign and status. */
        public Builder team(Team t) {
            this.team = t;
            return this;
        }

        /** The runtime's control, so in-process listeners (a scheduler) hear pause, resume and turn now. */
        public Builder control(AgentControl c) {
            this.control = c;
            return this;
        }

        /** The desk's durable consumer on the dead letters, also its name in logs and post keys. */
        public Builder durable(String name) {
            this.durable = name;
            return this;
        }

        /** The logical alerts room; {@code alerts} by default. */
        public Builder alertsRoom(String room) {
            this.alertsRoom = room;
            return this;
        }

        /** The clock that ages the desk's records (closed dead letters, the command ledger); the system's by default. */
        public Builder clock(AgentClock c) {
            this.clock = c;
            return this;
        }

        public DeadLetterDesk build() {
            return new DeadLetterDesk(this);
        }
    }
}
