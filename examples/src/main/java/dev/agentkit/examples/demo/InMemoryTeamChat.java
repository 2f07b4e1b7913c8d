package dev.agentkit.examples.demo;

import dev.agentkit.core.chat.ChatPort;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.testing.chat.InMemoryChat;
import java.util.List;

/** The team's chat in memory: {@link InMemoryChat} with the agents and an allow-listed human. */
final class InMemoryTeamChat implements TeamChat {
    private final InMemoryChat chat;
    private final String human;

    InMemoryTeamChat(AgentClock clock, List<String> agents) {
        chat = new InMemoryChat(clock);
        agents.forEach(chat::addAgent);
        human = "@" + TeamWorld.HUMAN + ":localhost";
        chat.allowCommands(human);
    }

    @Override
    public ChatPort seat(String name) {
        return chat.portFor(name);
    }

    @Override
    public void humanSays(String room, String text) {
        chat.say(human, room, text);
    }

    @Override
    public List<String> roomLog(String room) {
        return chat.messages(room).stream().map(p -> TeamChat.line(p.sender(), p.text())).toList();
    }

    @Override
    public void close() {
    }
}
