package dev.agentkit.cli.commands;

import dev.agentkit.cli.LetterReader;
import dev.agentkit.cli.Printer;
import dev.agentkit.cli.TeamServers;
import dev.agentkit.core.oversight.AgentControl;
import dev.agentkit.core.oversight.ApprovalBook;
import dev.agentkit.core.oversight.Command;
import dev.agentkit.core.internal.oversight.CommandExecutor;
import dev.agentkit.core.internal.oversight.DeadLetterEntry;
import dev.agentkit.core.oversight.PendingApproval;
import dev.agentkit.core.time.AgentClock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Parameters;

/**
 * The chat's oversight commands from a shell: {@code retry ID}, {@code skip ID},
 * {@code reassign ID AGENT}, {@code pause AGENT}, {@code resume AGENT}, and the decisions on an
 * agent's question {@code approve ID}, {@code deny ID REASON...}, {@code answer ID TEXT...}. Each acts once, through
 * the same {@link CommandExecutor} the chat commands use (so a retry republishes with the same
 * fresh message ids, and the index, pause flags and alerts agree with the chat), after indexing
 * the dead letters nobody indexed yet. The sender recorded is {@code shell:<user>}. Exit 1 when
 * the command did nothing (an unknown or already settled item, a question already decided).
 */
public final class OversightCommands {
    private OversightCommands() {
    }

    /** What every oversight command shares: the team, {@code --json}, and running one {@link Command}. */
    abstract static class Base extends TeamCommand {
        abstract Command command();

        /** The dead letter the command is about, if any. */
        Optional<String> item() {
            return Optional.empty();
        }

        @Override
        public Integer call() {
            Command c = command();
            if (c instanceof Command.AgentCommand a) {
                team.agent(a.agent());
            }
            if (c instanceof Command.Reassign r) {
                team.agent(r.agent());
            }
            Printer out = printer();
            try (TeamServers servers = connect()) {
                LetterReader letters = new LetterReader(servers.broker(), team.config().topology(), servers.state());
                letters.catchUp();
                ApprovalBook approvals = new ApprovalBook(servers.state(), AgentClock.system());
                boolean decision = c instanceof Command.DecisionCommand;
                Optional<PendingApproval> asked = decision ? item().flatMap(approvals::find) : Optional.empty();
                Optional<DeadLetterEntry> before = item().flatMap(letters.index()::find);
                String sender = "shell:" + root.env().getOrDefault("USER", System.getProperty("user.name", "someone"));
                CommandExecutor executor = new CommandExecutor(servers.publisher(), team.config().topology(),
                        servers.state(), team.config().team(), new AgentControl(servers.state()), null);
                String reply = traced(servers, () -> executor.execute(c, sender));
                Optional<DeadLetterEntry> after = item().flatMap(letters.index()::find);
                Optional<PendingApproval> decided = decision ? item().flatMap(approvals::find) : Optional.empty();
                boolean acted = decision ? asked.filter(PendingApproval::pending).isPresent()
                        && decided.filter(e -> !e.pending()).isPresent()
                        : item().isEmpty() || (after.isPresent() && !after.equals(before));
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("command", c.toString());
                result.put("acted", acted);
                result.put("reply", reply);
                after.filter(e -> !decision).ifPresent(e -> result.put("status", e.status().name()));
                decided.ifPresent(e -> result.put("status", e.status().name()));
                out.result(result, List.of(reply));
                return acted ? 0 : 1;
            }
        }
    }

    /** An oversight command about one item (a dead letter, or an agent's question). */
    abstract static class ItemBase extends Base {
        @Parameters(index = "0", paramLabel = "ID", description = "The item, e.g. REQ-004.")
        String id;

        @Override
        Optional<String> item() {
            return Optional.of(id);
        }
    }

    /** {@code agentkit retry ID}. */
    @picocli.CommandLine.Command(name = "retry", mixinStandardHelpOptions = true,
            description = "Republish a dead letter to its original subject with a fresh delivery budget.")
    public static final class Retry extends ItemBase {
        @Override
        Command command() {
            return new Command.Retry(id);
        }
    }

    /** {@code agentkit skip ID}. */
    @picocli.CommandLine.Command(name = "skip", mixinStandardHelpOptions = true,
            description = "Close a dead letter without doing it (the letter stays, marked skipped).")
    public static final class Skip extends ItemBase {
        @Override
        Command command() {
            return new Command.Skip(id);
        }
    }

    /** {@code agentkit reassign ID AGENT}. */
    @picocli.CommandLine.Command(name = "reassign", mixinStandardHelpOptions = true,
            description = "Publish a dead letter to another agent's queue.")
    public static final class Reassign extends ItemBase {
        @Parameters(index = "1", paramLabel = "AGENT", description = "The agent who takes it now.")
        String agent;

        @Override
        Command command() {
            return new Command.Reassign(id, agent);
        }
    }

    /** {@code agentkit approve ID}. */
    @picocli.CommandLine.Command(name = "approve", mixinStandardHelpOptions = true,
            description = "Approve what an agent asked about: the item goes back to it, approved.")
    public static final class Approve extends ItemBase {
        @Override
        Command command() {
            return new Command.Approve(id);
        }
    }

    /** {@code agentkit deny ID REASON...}. */
    @picocli.CommandLine.Command(name = "deny", mixinStandardHelpOptions = true,
            description = "Deny what an agent asked about: the item goes back to it, denied, with the reason.")
    public static final class Deny extends ItemBase {
        @Parameters(index = "1..*", paramLabel = "REASON", arity = "0..*", description = "Why not.")
        List<String> reason = List.of();

        @Override
        Command command() {
            return new Command.Deny(id, String.join(" ", reason));
        }
    }

    /** {@code agentkit answer ID TEXT...}. */
    @picocli.CommandLine.Command(name = "answer", mixinStandardHelpOptions = true,
            description = "Answer an agent's question: the item goes back to it with the answer.")
    public static final class Answer extends ItemBase {
        @Parameters(index = "1..*", paramLabel = "TEXT", arity = "1..*",
                description = "The answer (one of its choices, if it offered some).")
        List<String> text;

        @Override
        Command command() {
            return new Command.Answer(id, String.join(" ", text));
        }
    }

    /** {@code agentkit pause AGENT}. */
    @picocli.CommandLine.Command(name = "pause", mixinStandardHelpOptions = true,
            description = "Pause an agent: its turns read the chat but pull no work.")
    public static final class Pause extends Base {
        @Parameters(index = "0", paramLabel = "AGENT", description = "The agent.")
        String agent;

        @Override
        Command command() {
            return new Command.Pause(agent);
        }
    }

    /** {@code agentkit resume AGENT}. */
    @picocli.CommandLine.Command(name = "resume", mixinStandardHelpOptions = true,
            description = "Resume a paused agent: its turns pull work again.")
    public static final class Resume extends Base {
        @Parameters(index = "0", paramLabel = "AGENT", description = "The agent.")
        String agent;

        @Override
        Command command() {
            return new Command.Resume(agent);
        }
    }
}
