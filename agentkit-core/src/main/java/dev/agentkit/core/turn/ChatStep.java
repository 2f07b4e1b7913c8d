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

    /**
     * What the step read.
     *
     * @param humanMessages human messages read
     * @param error         the chat's first failure in the step (sending kept posts, or reading); null if none
     */
    record Read(int humanMessages, String error) {
    }

    private final AgentConfig config;
    private final AgentRuntime runtime;
    private final AgentHooks hooks;

    ChatStep(AgentConfig config, AgentRuntime runtime, AgentHooks hooks) {
        this.config = config;
        this.runtime = runtime;
        this.hooks = hooks;
    }

    Read run(Turn turn) {
        turn.chat.flushPending();
        String flushError = turn.chat.failure().orElse(null);
        ChatBatch batch;
        try {
            batch = runtime.chat().read(turn.state.internal().get(CURSOR_KEY).orElse(null));
        } catch (ChatException e) {
            log.warn("{} could not read the chat: {}", config.name(), e.getMessage());
            return new Read(0, flushError != null ? flushError : e.getMessage());
        }
        Commands commands = new Commands();
        int humans = 0;
        for (ChatMessage m : batch.messages()) {
            if (m.fromHuman()) {
                humans++;
                handle(turn, commands, m);
            }
        }
        if (batch.nextCursor() != null) {
            turn.state.internal().put(CURSOR_KEY, batch.nextCursor());
        }
        return new Read(humans, flushError);
    }

    private void handle(Turn turn, Commands commands, ChatMessage m) {
        String name = config.name();
        Optional<Command> command = CommandAddressing.forAgent(m, name, config.room(), config.alertsRoom(),
                commands.index, turn.approvals);
        if (command.isEmpty() && !m.addressedToMe()) {
            return;
        }
        if (!m.mayCommand()) {
            log.info("{} ignores a message from {} in {}: sender may not command agents", name, m.sender(), m.room());
            return;
        }
        Optional<String> reply = command.isPresent()
                ? commands.ledger.once(m, name, () -> commands.executor.execute(command.get(), m.sender()))
                : hooks.humanMessage(m);
        reply.ifPresent(r -> turn.chat.post(m.room(), name + ": " + r, name + ":reply:" + m.id()));
    }

    /** What commands need, made once per turn. */
    private final class Commands {
        final DeadLetterIndex index = new DeadLetterIndex(runtime.state(), runtime.clock());
        final CommandLedger ledger = new CommandLedger(runtime.state(), runtime.clock());
        final CommandExecutor executor;

        Commands() {
            Team team = runtime.team().roleOf(config.name()).isPresent() ? runtime.team()
                    : runtime.team().with(config.name(), config.role());
            executor = new CommandExecutor(runtime.broker(), runtime.topology(), runtime.state(), team,
                    runtime.control(), config.name(), runtime.clock());
        }
    }
}
