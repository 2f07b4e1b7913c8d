package dev.agentkit.core.internal.oversight;

import dev.agentkit.core.oversight.ApprovalBook;
import dev.agentkit.core.oversight.Approval;
import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.oversight.AgentControl;
import dev.agentkit.core.oversight.Command;
import dev.agentkit.core.oversight.DeadLetter;
import dev.agentkit.core.oversight.DeadLetterDesk;
import dev.agentkit.core.oversight.Team;
import dev.agentkit.core.store.StateStore;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.core.topology.Topology;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a {@link Command} and says what was done, in a sentence posted back to the room.
 * {@code retry} reads the dead letter back from its stream (the index keeps a reference, see
 * {@link DeadLetterEntry}) and republishes the original body and headers to its original subject
 * with a fresh message id ({@code REQ-007:retry:1}, so JetStream's de-duplication keeps it, and a
 * fresh delivery budget); {@code reassign} publishes it to the other agent's role queue
 * ({@code REQ-007:reassign:jen:2}); a letter cut to fit the server's max payload is republished
 * from the original message in its own stream. {@code skip} closes it without doing it.
 * {@code approve}, {@code deny} and {@code answer} decide a question an agent asked: the parked
 * item goes back to its queue with the decision ({@link ApprovalBook#decide}). Pause, resume and
 * turn now flip {@link AgentControl}. Used inside an agent's turn ({@code self} is that agent) and
 * by the {@link DeadLetterDesk} ({@code self} is {@code null}). Wrap calls in a
 * {@link CommandLedger} to act once per chat message.
 */
public final class CommandExecutor {
    private static final Logger log = LoggerFactory.getLogger(CommandExecutor.class);
    private final Broker broker;
    private final Topology topology;
    private final Team team;
    private final AgentControl control;
    private final String self;
    private final DeadLetterIndex index;
    private final TeamStatus status;
    private final ApprovalBook approvals;

    /**
     * An executor over the team's broker and store; {@code self} is the agent whose turn runs the
     * commands, or {@code null}. The system clock stamps its decisions.
     */
    public CommandExecutor(Broker broker, Topology topology, StateStore store, Team team, AgentControl control,
                           String self) {
        this(broker, topology, store, team, control, self, AgentClock.system());
    }

    /** As above, with {@code clock} stamping decisions (and ageing closed dead letters). */
    public CommandExecutor(Broker broker, Topology topology, StateStore store, Team team, AgentControl control,
                           String self, AgentClock clock) {
        this.broker = broker;
        this.topology = topology;
        this.team = team;
        this.control = control;
        this.self = self;
        this.index = new DeadLetterIndex(store, clock);
        this.approvals = new ApprovalBook(store, clock);
        this.status = new TeamStatus(broker, topology, index, control, approvals);
    }

    /**
     * Executes {@code command} given by {@code sender}; returns what was done. A broker failure is
     * reported in the answer (say it again later), never thrown.
     */
    public String execute(Command command, String sender) {
        try {
            return dispatch(command, sender);
        } catch (BrokerException e) {
            log.warn("{} could not be carried out: {}", command, e.getMessage());
            return "could not do that now (broker: " + e.getMessage() + "); nothing changed, say it again later.";
        }
    }

    private String dispatch(Command command, String sender) {
        if (command instanceof Command.Retry r) {
            return retry(r.item(), sender);
        } else if (command instanceof Command.Skip s) {
            return skip(s.item(), sender);
        } else if (command instanceof Command.Reassign r) {
            return reassign(r.item(), r.agent(), sender);
        } else if (command instanceof Command.DecisionCommand d) {
            return decide(d, sender);
        } else if (command instanceof Command.Status s) {
            return status.describe(team, s.agent());
        } else if (command instanceof Command.Help) {
            return "commands: " + Command.SUMMARY + ". Address an agent (roy: pause) or, in the alerts room, "
                    + "name the item or the agent (retry REQ-007, pause roy).";
        }
        return control(command, sender);
    }

    private String control(Command command, String sender) {
        String agent = ((Command.AgentCommand) command).agent();
        if (team.roleOf(agent).isEmpty()) {
            return unknownAgent(agent);
        }
        if (command instanceof Command.Pause) {
            control.pause(agent, sender);
            return "paused; " + agent + " pulls no work until someone says resume " + agent + ".";
        } else if (command instanceof Command.Resume) {
            control.resume(agent);
            return "resumed " + agent + ".";
        } else if (control.isPaused(agent)) {
            return agent + " is paused; say resume " + agent + " first.";
        } else if (agent.equals(self)) {
            return agent + " is taking its turn now.";
        }
        control.requestTurn(agent, sender);
        return "asked for a turn of " + agent + " now.";
    }

    private String decide(Command.DecisionCommand command, String sender) {
        if (command instanceof Command.Approve a) {
            return approvals.decide(broker, a.item(), Approval.Decision.APPROVED, sender, "");
        } else if (command instanceof Command.Deny d) {
            return approvals.decide(broker, d.item(), Approval.Decision.DENIED, sender, d.reason());
        }
        Command.Answer a = (Command.Answer) command;
        return approvals.decide(broker, a.item(), Approval.Decision.ANSWERED, sender, a.text());
    }

    private String retry(String item, String sender) {
        Optional<DeadLetterEntry> found = actionable(item);
        if (found.isEmpty()) {
            return refusal(item);
        }
        DeadLetterEntry entry = found.get();
        if (entry.subject() == null) {
            return entry.item() + " never reached a queue (" + entry.kind().description() + "); use reassign "
                    + entry.item() + " to <agent>.";
        }
        Optional<Envelope> original = original(entry);
        if (original.isEmpty()) {
            return unreadable(entry);
        }
        int n = entry.republished() + 1;
        String id = entry.item() + ":retry:" + n;
        broker.publish(entry.subject(), original.get().withMessageId(id));
        index.decide(entry, DeadLetterEntry.Status.RETRIED, "retried by " + sender + " as " + id, n);
        return "retried " + entry.item() + ": republished to " + entry.subject() + " as " + id
                + " with a fresh delivery budget.";
    }

    private String reassign(String item, String agent, String sender) {
        Optional<DeadLetterEntry> found = actionable(item);
        if (found.isEmpty()) {
            return refusal(item);
        }
        Optional<String> role = team.roleOf(agent);
        if (role.isEmpty()) {
            return unknownAgent(agent);
        }
        DeadLetterEntry entry = found.get();
        Optional<Envelope> original = original(entry);
        if (original.isEmpty()) {
            return unreadable(entry);
        }
        int n = entry.republished() + 1;
        String id = entry.item() + ":reassign:" + agent + ":" + n;
        String subject = topology.requirementSubject(role.get());
        broker.publish(subject, original.get().withMessageId(id));
        index.decide(entry, DeadLetterEntry.Status.REASSIGNED, "reassigned to " + agent + " by " + sender + " as " + id,
                n);
        return "reassigned " + entry.item() + " to " + agent + ": published to " + subject + " as " + id + ".";
    }

    private String skip(String item, String sender) {
        Optional<DeadLetterEntry> found = actionable(item);
        if (found.isEmpty()) {
            return refusal(item);
        }
        DeadLetterEntry entry = found.get();
        index.decide(entry, DeadLetterEntry.Status.SKIPPED, "skipped by " + sender, entry.republished());
        return "skipped " + entry.item() + ": closed without doing it; its dead letter stays in "
                + entry.letterSubject() + ".";
    }

    /**
     * The item to republish, read back by reference: the original in its letter, or, when the
     * letter was cut to fit the server's max payload, the original message in its own stream.
     */
    private Optional<Envelope> original(DeadLetterEntry entry) {
        Optional<DeadLetter> letter = broker.envelopeAt(entry.letterStream(), entry.letterSequence())
                .map(e -> DeadLetter.from(entry.letterSubject(), e));
        if (letter.isEmpty() || !letter.get().truncated()) {
            return letter.map(DeadLetter::original);
        }
        DeadLetter cut = letter.get();
        return cut.stream() == null ? Optional.empty() : broker.envelopeAt(cut.stream(), cut.sequence());
    }

    private static String unreadable(DeadLetterEntry entry) {
        return "cannot read " + entry.item() + " back: its dead letter (" + entry.letterStream() + " #"
                + entry.letterSequence() + ") or, for a letter cut to fit, its original is no longer stored"
                + " (the stream's limits removed it); nothing done.";
    }

    /** The entry of {@code item} if humans may still act on it: open, or skipped (a change of mind). */
    private Optional<DeadLetterEntry> actionable(String item) {
        return index.find(item).filter(DeadLetterEntry::actionable);
    }

    private String refusal(String item) {
        return index.find(item).map(e -> item + " was already " + e.status().name().toLowerCase(Locale.ROOT)
                + " (" + e.note() + "); nothing done.").orElse("I know no dead letter " + item + ".");
    }

    private String unknownAgent(String agent) {
        return "I do not know agent " + agent + "; the team is " + String.join(", ", team.agents()) + ".";
    }
}
