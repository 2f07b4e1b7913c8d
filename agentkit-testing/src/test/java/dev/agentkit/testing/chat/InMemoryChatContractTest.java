package dev.agentkit.testing.chat;

import dev.agentkit.core.chat.ChatPort;
import dev.agentkit.testing.VirtualClock;
import java.time.Duration;

/** Runs the chat contract against {@link InMemoryChat}. */
class InMemoryChatContractTest extends ChatContract {
    private static final String COMMANDER = "@alice:localhost";
    private static final String STRANGER = "@mallory:localhost";

    private final VirtualClock clock = new VirtualClock();
    private final InMemoryChat chat = new InMemoryChat(clock);

    InMemoryChatContractTest() {
        chat.addAgent(ROY);
        chat.addAgent(JEN);
        chat.allowCommands(COMMANDER);
    }

    @Override
    protected ChatPort newPort(String agent) {
        return chat.portFor(agent);
    }

    @Override
    protected void commanderSays(String room, String text) {
        clock.advance(Duration.ofMillis(1));
        chat.say(COMMANDER, room, text);
    }

    @Override
    protected void commanderMentions(String room, String agent, String text) {
        chat.mention(COMMANDER, room, text, agent);
    }

    @Override
    protected void strangerSays(String room, String text) {
        chat.say(STRANGER, room, text);
    }

    @Override
    protected String commanderId() {
        return COMMANDER;
    }

    @Override
    protected String userIdOf(String agent) {
        return chat.userIdOf(agent);
    }

    @Override
    protected void chatGoesDown() {
        chat.down(true);
    }

    @Override
    protected void chatComesBack() {
        chat.down(false);
    }
}
