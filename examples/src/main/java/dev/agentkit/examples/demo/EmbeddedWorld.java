package dev.agentkit.examples.demo;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.chat.ChatPort;
import dev.agentkit.core.store.InMemoryProcessedStore;
import dev.agentkit.core.store.InMemoryStateStore;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.testing.VirtualClock;
import dev.agentkit.testing.broker.InMemoryBroker;
import dev.agentkit.testing.chat.InMemoryChat;
import java.time.Duration;
import java.util.List;

/** The demo's default world: in-memory broker and chat on a virtual clock; hours pass in milliseconds. */
public final class EmbeddedWorld implements TeamWorld {
    private final VirtualClock clock = new VirtualClock();
    private final InMemoryBroker broker = new InMemoryBroker(clock);
    private final InMemoryChat chat = new InMemoryChat(clock);
    private final AgentRuntime base = AgentRuntime.builder(broker).clock(clock)
            .processedStore(new InMemoryProcessedStore()).stateStore(new InMemoryStateStore()).build();
    private final String human;

    public EmbeddedWorld(List<String> agents) {
        agents.forEach(chat::addAgent);
        chat.addAgent("demo");
        human = "@" + HUMAN + ":localhost";
        chat.allowCommands(human);
    }

    @Override
    public Broker broker() {
        return broker;
    }

    @Override
    public AgentClock clock() {
        return clock;
    }

    @Override
    public AgentRuntime runtimeFor(String name) {
        return base.withChat(chat.portFor(name));
    }

    @Override
    public ChatPort observerChat() {
        return chat.portFor("demo");
    }

    @Override
    public void humanSays(String room, String text) {
        chat.say(human, room, text);
    }

    @Override
    public List<String> roomLog(String room) {
        return chat.messages(room).stream().map(p -> p.text().startsWith(shortName(p.sender()) + ":") ? p.text()
                : shortName(p.sender()) + ": " + p.text()).toList();
    }

    private static String shortName(String userId) {
        return userId.startsWith("@") && userId.contains(":") ? userId.substring(1, userId.indexOf(':')) : userId;
    }

    @Override
    public void passTime(Duration d) {
        clock.advance(d);
    }

    @Override
    public Duration period() {
        return Duration.ofMinutes(30);
    }

    @Override
    public String describe() {
        return "in-memory broker and chat, virtual clock from " + clock.now();
    }

    @Override
    public void close() {
        broker.close();
    }
}
