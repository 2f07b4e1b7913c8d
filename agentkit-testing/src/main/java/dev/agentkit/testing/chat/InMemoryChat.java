package dev.agentkit.testing.chat;

import dev.agentkit.core.chat.ChatException;
import dev.agentkit.core.chat.ChatPort;
import dev.agentkit.core.time.AgentClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A team chat in memory for users' tests: rooms, humans and agents, and a {@link ChatPort} per
 * agent ({@link #portFor}) that judges messages as {@code MatrixChatPort} does. A sender is human
 * unless it is an agent account added with {@link #addAgent}; a message is addressed to an agent
 * when it mentions it explicitly ({@link #mention}), starts with its name ({@code roy: ...}), or,
 * being a plain message ({@link #say}), names it as a word; humans on the allow-list
 * ({@link #allowCommands}) or at or above the command power level in a room may command. Cursors
 * are opaque positions; an idempotency key posts once. {@link #down(boolean)} makes every port
 * fail with {@link ChatException}, as a homeserver that is down. Rooms exist once used.
 * Thread-safe; passes {@link ChatContract}.
 *
 * <pre>{@code
 * InMemoryChat chat = new InMemoryChat(clock);
 * chat.addAgent("roy");
 * chat.allowCommands("@alice:localhost");
 * AgentRuntime runtime = AgentRuntime.builder(broker).chat(chat.portFor("roy")).build();
 * chat.say("@alice:localhost", "backend", "roy: pause");
 * }</pre>
 */
public final class InMemoryChat {
    /** A message as the chat keeps it, for assertions. */
    public record Posted(long position, String id, String room, String sender, String text, Instant at,
                         Set<String> mentions, boolean explicitMentions) {
        public Posted {
            mentions = Set.copyOf(mentions);
        }
    }

    private final AgentClock clock;
    private final String serverName;
    private final List<Posted> log = new ArrayList<>();
    private final Set<String> agents = new LinkedHashSet<>();
    private final Set<String> commanders = new LinkedHashSet<>();
    private final Map<String, Map<String, Integer>> powerLevels = new HashMap<>();
    private final Map<String, String> postedByKey = new HashMap<>();
    private Integer commandPowerLevel;
    private boolean down;

    /** A chat stamped by {@code clock}, with user ids on server {@code localhost}. */
    public InMemoryChat(AgentClock clock) {
        this(clock, "localhost");
    }

    /** A chat stamped by {@code clock}, with agent user ids {@code @name:serverName}. */
    public InMemoryChat(AgentClock clock, String serverName) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.serverName = Objects.requireNonNull(serverName, "serverName");
    }

    /** Adds an agent account; returns its user id. */
    public synchronized String addAgent(String agentName) {
        String id = userIdOf(agentName);
        agents.add(id);
        return id;
    }

    /** The user id of an agent, {@code @name:server}. */
    public String userIdOf(String agentName) {
        return "@" + agentName + ":" + serverName;
    }

    /** Lets these users command agents. */
    public synchronized void allowCommands(String... userIds) {
        commanders.addAll(List.of(userIds));
    }

    /** Lets users at or above {@code level} in a room command agents. */
    public synchronized void commandPowerLevel(int level) {
        this.commandPowerLevel = level;
    }

    /** Sets a user's power level in a room (default 0). */
    public synchronized void powerLevel(String room, String userId, int level) {
        powerLevels.computeIfAbsent(room, r -> new HashMap<>()).put(userId, level);
    }

    /** The seat of agent {@code agentName} (added if it was not); each call is a fresh port, as after a restart. */
    public synchronized ChatPort portFor(String agentName) {
        return new InMemoryChatPort(this, agentName, addAgent(agentName));
    }

    /** {@code userId} says {@code text} in {@code room}, as a plain message without explicit mentions. */
    public String say(String userId, String room, String text) {
        return append(userId, room, text, Set.of(), false);
    }

    /** {@code userId} says {@code text} in {@code room}, explicitly mentioning the named agents. */
    public String mention(String userId, String room, String text, String... agentNames) {
        Set<String> ids = new LinkedHashSet<>();
        for (String a : agentNames) {
            ids.add(userIdOf(a));
        }
        return append(userId, room, text, ids, true);
    }

    /** Everything said in {@code room}, oldest first. */
    public synchronized List<Posted> messages(String room) {
        return log.stream().filter(p -> p.room().equals(room)).toList();
    }

    /** The texts said in {@code room}, oldest first. */
    public List<String> texts(String room) {
        return messages(room).stream().map(Posted::text).toList();
    }

    /** While {@code true}, every port's read and post fails with {@link ChatException}. */
    public synchronized void down(boolean isDown) {
        this.down = isDown;
    }

    synchronized String post(String sender, String room, String text, String idempotencyKey) {
        requireUp();
        String dedup = sender + "\n" + idempotencyKey;
        String existing = postedByKey.get(dedup);
        if (existing != null) {
            return existing;
        }
        String id = append(sender, room, text, Set.of(), true);
        postedByKey.put(dedup, id);
        return id;
    }

    synchronized List<Posted> after(long position) {
        requireUp();
        return List.copyOf(log.subList((int) Math.min(position, log.size()), log.size()));
    }

    synchronized long end() {
        return log.size();
    }

    synchronized boolean isAgent(String userId) {
        return agents.contains(userId);
    }

    synchronized boolean mayCommand(String userId, String room) {
        if (commanders.contains(userId)) {
            return true;
        }
        return commandPowerLevel != null
                && powerLevels.getOrDefault(room, Map.of()).getOrDefault(userId, 0) >= commandPowerLevel;
    }

    private synchronized String append(String sender, String room, String text, Set<String> mentions,
                                       boolean explicit) {
        long position = log.size() + 1;
        String id = "$mem" + position;
        log.add(new Posted(position, id, room, sender, text, clock.now(), mentions, explicit));
        return id;
    }

    private void requireUp() {
        if (down) {
            throw new ChatException("the in-memory chat is down (InMemoryChat.down(true))");
        }
    }
}
