package dev.agentkit.core.turn;

import dev.agentkit.core.chat.ChatBatch;
import dev.agentkit.core.chat.ChatException;
import dev.agentkit.core.chat.ChatMessage;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 2 of the turn: reads the chat since the stored cursor. Messages from humans addressed to
 * this agent and sent by someone allowed to command it are either built-in commands
 * ({@code pause}, {@code resume}, {@code status}, {@code help}) or go to
 * {@code onHumanMessage}; the reply is posted in the same room. Messages from others are logged
 * and ignored.
 */
final class ChatStep {
    private static final Logger log = LoggerFactory.getLogger(ChatStep.class);
    static final String CURSOR_KEY = "chat.cursor";
    static final String PAUSED_KEY = "paused";
    static final String LAST_REPORT_KEY = "last.report";

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
        for (ChatMessage m : batch.messages()) {
            if (m.fromHuman()) {
                turn.tally.humanMessages++;
                handle(turn, m);
            }
        }
        if (batch.nextCursor() != null) {
            turn.state.put(CURSOR_KEY, batch.nextCursor());
        }
    }

    private void handle(Turn turn, ChatMessage m) {
        String name = agent.config().name();
        if (!m.addressedToMe()) {
            return;
        }
        if (!m.mayCommand()) {
            log.info("{} ignores a message from {} in {}: sender may not command agents", name, m.sender(), m.room());
            return;
        }
        String text = m.textWithoutAddress(name);
        Optional<String> reply = command(turn, text.toLowerCase(Locale.ROOT));
        if (reply.isEmpty()) {
            reply = agent.onHumanMessage(m);
        }
        reply.ifPresent(r -> turn.chat.post(m.room(), name + ": " + r, name + ":reply:" + m.id()));
    }

    private Optional<String> command(Turn turn, String text) {
        switch (text) {
            case "pause":
                turn.state.put(PAUSED_KEY, "true");
                return Optional.of("paused; I will pull no work until someone says resume.");
            case "resume":
                turn.state.remove(PAUSED_KEY);
                return Optional.of("resumed.");
            case "status":
                return Optional.of((turn.state.get(PAUSED_KEY).isPresent() ? "paused. " : "active. ")
                        + turn.state.get(LAST_REPORT_KEY).orElse("no turn finished yet."));
            case "help":
                return Optional.of("commands: pause, resume, status, help; anything else goes to me as a message.");
            default:
                return Optional.empty();
        }
    }

    static boolean paused(AgentState state) {
        return state.get(PAUSED_KEY).isPresent();
    }
}
