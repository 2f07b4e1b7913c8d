package dev.agentkit.core.turn;

import dev.agentkit.core.chat.ChatBatch;
import dev.agentkit.core.chat.ChatException;
import dev.agentkit.core.chat.ChatMessage;
import dev.agentkit.core.internal.oversight.CommandAddressing;
import dev.agentkit.core.internal.oversight.CommandExecutor;
import dev.agentkit.core.internal.oversight.CommandLedger;
import dev.agentkit.core.internal.oversight.DeadLetterIndex;
import dev.agentkit.core.oversight.Command;
import dev.agentkit.core.oversight.Team;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 2 of the turn: reads the chat since the stored cursor. A human's {@link Command} meant for
 * this agent (addressed to it, or in the alerts room naming it or an item it dead-lettered) is
 * executed once per chat message through the {@link CommandLedger}; other messages addressed to
 * it go to {@code onHumanMessage}. Replies are posted in the message's room. Senders who may not
 * command agents are logged and ignored.
 */
final class ChatStep {
    private static final Logger log = LoggerFactory.getLogger(ChatStep.class);
    static final String CURSOR_KEY = "chat.cursor";

    private final TurnBasedAgent agent;

    ChatStep(TurnBasedAgent agent) {
        this.agent = agent;
    }

    void run(Turn turn) {
        turn.chat.flushPending();
        ChatBatch batch;
        try {
            batch = agent.runtime().chat().read(turn.state.get(CURSOR_KEY).orElse(null));
        } catch (ChatException e) {
            log.warn("{} could not read the chat: {}", agent.config().name(), e.getMessage());
            turn.tally.chatFailed(e.getMessage());
            return;
        }
        Commands commands = new Commands();
        for (ChatMessage m : batch.messages()) {
            if (m.fromHuman()) {
                turn.tally.humanMessages++;
                handle(turn, commands, m);
            }
        }
        if (batch.nextCursor() != null) {
            turn.state.put(CURSOR_KEY, batch.nextCursor());
        }
    }

    private void handle(Turn turn, Commands commands, ChatMessage m) {
        AgentConfig config = agent.config();
        String name = config.name();
        Optional<Command> command = CommandAddressing.forAgent(m, name, config.alertsRoom(), commands.index);
        if (command.isEmpty() && !m.addressedToMe()) {
            return;
        }
        if (!m.mayCommand()) {
            log.info("{} ignores a message from {} in {}: sender may not command agents", name, m.sender(), m.room());
            return;
        }
        Optional<String> reply = command.isPresent()
                ? commands.ledger.once(m, name, () -> commands.executor.execute(command.get(), m.sender()))
                : agent.onHumanMessage(m);
        reply.ifPresent(r -> turn.chat.post(m.room(), name + ": " + r, name + ":reply:" + m.id()));
    }

    /** What commands need, made once per turn. */
    private final class Commands {
        final DeadLetterIndex index = new DeadLetterIndex(agent.runtime().state(), agent.clock());
        final CommandLedger ledger = new CommandLedger(agent.runtime().state(), agent.clock());
        final CommandExecutor executor;

        Commands() {
            AgentRuntime rt = agent.runtime();
            AgentConfig config = agent.config();
            Team team = rt.team().roleOf(config.name()).isPresent() ? rt.team() : rt.team().with(config.name(), config.role());
            executor = new CommandExecutor(rt.broker(), rt.topology(), rt.state(), team, rt.control(), config.name(),
                    agent.clock());
        }
    }
}
