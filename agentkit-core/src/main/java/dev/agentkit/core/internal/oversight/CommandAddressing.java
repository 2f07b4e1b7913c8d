package dev.agentkit.core.internal.oversight;

import dev.agentkit.core.oversight.ApprovalBook;
import dev.agentkit.core.chat.ChatMessage;
import dev.agentkit.core.oversight.Command;
import dev.agentkit.core.oversight.DeadLetterDesk;
import dev.agentkit.core.oversight.Team;
import java.util.Optional;

/**
 * Which chat messages are commands for whom. An agent takes the commands addressed to it
 * ({@code roy: pause}) and, in the alerts room, those that name it ({@code pause roy}) or name an
 * item it dead-lettered ({@code retry REQ-007}); a decision ({@code approve REQ-7}) on a question
 * it asked, in its own room or the alerts room. The {@link DeadLetterDesk} takes every command
 * addressed to a team agent and every command in the alerts room. Whether the sender may command
 * is checked by the caller ({@code ChatMessage.mayCommand}).
 */
public final class CommandAddressing {
    private CommandAddressing() {
    }

    /** The command in {@code m} for {@code agent}'s turn, if any. */
    public static Optional<Command> forAgent(ChatMessage m, String agent, String alertsRoom, DeadLetterIndex index) {
        return forAgent(m, agent, null, alertsRoom, index, null);
    }

    /**
     * The command in {@code m} for {@code agent}'s turn, if any, with decisions on the questions
     * in {@code approvals} it asked taken in its own {@code room} (and the alerts room) too.
     */
    public static Optional<Command> forAgent(ChatMessage m, String agent, String room, String alertsRoom,
                                             DeadLetterIndex index, ApprovalBook approvals) {
        if (m.addressedToMe()) {
            return Command.parse(m.textWithoutAddress(agent), agent);
        }
        boolean alerts = m.room().equals(alertsRoom);
        if (!alerts && !m.room().equals(room)) {
            return Optional.empty();
        }
        return Command.parse(m.text(), null).filter(c -> c instanceof Command.DecisionCommand d
                ? approvals != null && approvals.find(d.item()).map(e -> e.agent().equals(agent)).orElse(false)
                : alerts && concerns(c, agent, index));
    }

    /** The command in {@code m} for a desk serving {@code team}, if any. */
    public static Optional<Command> forDesk(ChatMessage m, Team team, String alertsRoom) {
        String text = m.text().strip();
        for (String agent : team.agents()) {
            String rest = m.textWithoutAddress(agent);
            if (!rest.equals(text)) {
                return Command.parse(rest, agent);
            }
        }
        return m.room().equals(alertsRoom) ? Command.parse(text, null) : Optional.empty();
    }

    private static boolean concerns(Command c, String agent, DeadLetterIndex index) {
        if (c instanceof Command.ItemCommand i) {
            return index.find(i.item()).map(e -> e.agent().equals(agent)).orElse(false);
        }
        return c instanceof Command.AgentCommand a && agent.equals(a.agent());
    }
}
