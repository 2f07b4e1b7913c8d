package dev.agentkit.examples.demo;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.core.turn.AgentRuntime;
import java.time.Duration;
import java.util.List;

/**
 * Where the team demo runs: a broker, a clock, a chat seat per agent, a human who can speak,
 * and a way to let time pass. {@link DemoWorld#embedded} is all in memory on virtual time;
 * {@link DemoWorld#real} uses a nats-server and a Matrix homeserver. The story is the same in both.
 */
public interface TeamWorld extends AutoCloseable {

    /** The human of the story, allowed to command agents. */
    String HUMAN = "douglas";

    Broker broker();

    /** The streams and consumers the story provisions and its agents use. */
    default Topology topology() {
        return Topology.workshopDefault();
    }

    AgentClock clock();

    /** The runtime agent {@code name} is built with, with its own chat seat. */
    AgentRuntime runtimeFor(String name);

    /** The human says {@code text} in {@code room}. */
    void humanSays(String room, String text);

    /** What was said in {@code room}, oldest first, as {@code sender: text}. */
    List<String> roomLog(String room);

    /** Lets {@code d} pass: advances virtual time, or waits in real time. */
    void passTime(Duration d);

    /** How long a schedule period is in this world (30 minutes virtual, seconds real). */
    Duration period();

    /** One line saying what this world is made of. */
    String describe();

    @Override
    void close();
}
