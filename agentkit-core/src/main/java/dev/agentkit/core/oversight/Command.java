package dev.agentkit.core.oversight;

import dev.agentkit.core.internal.oversight.CommandExecutor;
import java.util.Optional;

/**
 * A command a human gives an agent team in chat. Parsed by {@link #parse} from the text after
 * any address ({@code roy: }), keywords in any case, item ids kept as typed:
 * <ul>
 *   <li>{@code retry REQ-007}, {@code skip REQ-007}, {@code reassign REQ-007 to jen};</li>
 *   <li>{@code pause roy}, {@code resume roy}, {@code turn now roy} (the agent may be left out
 *       when the message is addressed to it);</li>
 *   <li>{@code approve REQ-7}, {@code deny REQ-7 <reason>}, {@code answer REQ-7 <text>}: decide a
 *       question an agent asked ({@code Outcome.awaitApproval});</li>
 *   <li>{@code status} (every agent) or {@code status roy}, and {@code help}.</li>
 * </ul>
 * Executed by {@link CommandExecutor}.
 */
public sealed interface Command {

    /** A command about one dead letter, named by its item id. */
    sealed interface ItemCommand extends Command {
        /** The item, as the human typed it. */
        String item();
    }

    /** A command about one agent's switches or status. */
    sealed interface AgentCommand extends Command {
        /** The agent; {@code null} only for a {@link Status} of everyone. */
        String agent();
    }

    /** A human's decision on a question an agent asked, named by its item id. */
    sealed interface DecisionCommand extends Command {
        /** The request, as the human typed it. */
        String item();
    }

    /** Go ahead: the item returns to its agent approved. */
    record Approve(String item) implements DecisionCommand {
    }

    /** Do not: the item returns to its agent denied, with the reason (empty if none was given). */
    record Deny(String item, String reason) implements DecisionCommand {
    }

    /** The item returns to its agent with this answer. */
    record Answer(String item, String text) implements DecisionCommand {
    }

    /** Republish a dead letter to its original subject with a fresh delivery budget. */
    record Retry(String item) implements ItemCommand {
    }

    /** Close a dead letter without doing it. */
    record Skip(String item) implements ItemCommand {
    }

    /** Publish a dead letter to another agent's role queue. */
    record Reassign(String item, String agent) implements ItemCommand {
    }

    /** Stop pulling work until resumed. */
    record Pause(String agent) implements AgentCommand {
    }

    /** Pull work again. */
    record Resume(String agent) implements AgentCommand {
    }

    /** Take a turn now rather than at the next slot. */
    record TurnNow(String agent) implements AgentCommand {
    }

    /** Report queues, dead letters and last turns; {@code agent} is {@code null} for everyone. */
    record Status(String agent) implements AgentCommand {
    }

    /** List the commands. */
    record Help() implements Command {
    }

    /** The commands, for {@code help}. */
    String SUMMARY = "retry <item>, skip <item>, reassign <item> to <agent>, approve <item>, deny <item> <reason>, "
            + "answer <item> <text>, pause <agent>, resume <agent>, turn now <agent>, status [agent], help";

    /**
     * Parses {@code text}; {@code addressee} is the agent the message was addressed to (the
     * default target of pause, resume, turn now and status), or {@code null}. Empty when the text
     * is not a command (or names no agent where one is needed).
     */
    static Optional<Command> parse(String text, String addressee) {
        return CommandParser.parse(text, addressee);
    }
}
