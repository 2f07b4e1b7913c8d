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
 * ({@link #allowCommands}) or at or above the command power level in a room may command, unless
 * the room was created by someone outside the team ({@link #roomCreatedBy}). Cursors are opaque
 * positions; an idempotency key posts once; a post longer than {@code ChatLimits.MAX_POST_BYTES}
 * is cut to fit as the Matrix port cuts it. Rooms exist once used. Thread-safe; passes
 * {@link ChatContract}.
 *
 * <p><b>Faults.</b> Like MockWebServer's socket policies, a test scripts what goes wrong, with a
 * {@link ChatFault}: {@link #refuseNextPost}, {@link #refuseNextPosts}, {@link #refusePostsTo} a
 * room (until {@link #acceptPostsTo}), {@link #failNextRead}, {@link #failNextReads}, and
 * {@link #down(boolean)} (every read and post fails as a homeserver that is down, until
 * {@code down(false)}); {@link #clearFaults()} ends them all and {@link #postAttempts()} counts
 * the posts that reached the chat, failed ones included. A fault throws the
 * {@link ChatException} of the fault's kind from the port.
 *
 * <p><b>Humans.</b> {@link #human} gives an allow-listed {@link Human} and {@link #stranger} one
 * who is not: an agent ignores every message from a human who may not command it, whether or not
 * it is addressed to the agent (it is logged at INFO), as {@code MatrixChatPort} does.
 *
 * <pre>{@code
 * InMemoryChat chat = new InMemoryChat(clock);
 * chat.addAgent("roy");
 * Human alice = chat.human("@alice:localhost");
 * AgentRuntime runtime = AgentRuntime.builder(broker).chat(chat.portFor("roy")).build();
 * alice.say("backend", "roy: pause");
 * chat.refuseNextPost(ChatFault.tooLarge());
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
    private final Map<String, String> creators = new HashMap<>();
    private final ChatFaults faults = new ChatFaults();
    private Integer commandPowerLevel;

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

    /** Whether {@code userId} is on the allow-list ({@link #allowCommands}). */
    public synchronized boolean isAllowListed(String userId) {
        return commanders.contains(userId);
    }

    /**
     * A human on the allow-list: agents answer what they say to them and obey their commands.
     *
     * @param userId a Matrix user id, e.g. {@code @alice:localhost}
     */
    public synchronized Human human(String userId) {
        requireHumanId(userId);
        commanders.add(userId);
        return new Human(this, userId);
    }

    /**
     * A human who is not on the allow-list: agents log and ignore everything they say (as they do
     * on Matrix), unless a power level lets them command ({@link #commandPowerLevel}).
     *
     * @throws IllegalStateException if {@code userId} is allow-listed
     */
    public synchronized Human stranger(String userId) {
        requireHumanId(userId);
        if (commanders.contains(userId)) {
            throw new IllegalStateException(userId + " is allow-listed, so not a stranger");
        }
        return new Human(this, userId);
    }

    private void requireHumanId(String userId) {
        Objects.requireNonNull(userId, "userId");
        if (!userId.matches("@[^:\\s]+:\\S+")) {
            throw new IllegalArgumentException("a human is a Matrix user id such as " + userIdOf(userId.replaceFirst("^@", "").replaceFirst(":.*", ""))
                    + ", not '" + userId + "'");
        }
        if (agents.contains(userId)) {
            throw new IllegalArgumentException(userId + " is an agent account, not a human");
        }
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

    /**
     * A port any number of agents can be built on: each {@code TurnBasedAgent} takes its own seat
     * ({@link #portFor} its name) when it is built, through {@link ChatPort#seatFor}. The test kit's
     * {@code runtime()} carries it. Reading or posting on it directly fails: it is nobody's account.
     */
    public ChatPort sharedSeat() {
        return new SharedSeat(this);
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

    /** The rooms something was said in, in the order of their first message. */
    public synchronized List<String> rooms() {
        return log.stream().map(Posted::room).distinct().toList();
    }

    /** The texts said in {@code room}, oldest first. */
    public List<String> texts(String room) {
        return messages(room).stream().map(Posted::text).toList();
    }

    /**
     * Records that {@code userId} created {@code room}: if it is neither an agent nor an
     * allow-listed commander, power levels in that room let nobody command (as in
     * {@code MatrixChatPort}). A room with no recorded creator counts as the team's.
     */
    public synchronized void roomCreatedBy(String room, String userId) {
        creators.put(room, userId);
    }

    /**
     * While {@code true}, every port's read and post fails with a {@link ChatException} of kind
     * {@link ChatException.Kind#UNAVAILABLE}, as a homeserver that is down; {@code false} brings it back.
     */
    public synchronized void down(boolean isDown) {
        faults.down(isDown);
    }

    /** The next post (to any room) fails with {@code fault}. */
    public void refuseNextPost(ChatFault fault) {
        refuseNextPosts(1, fault);
    }

    /** The next {@code n} posts (to any room) fail with {@code fault}. */
    public synchronized void refuseNextPosts(int n, ChatFault fault) {
        faults.refuseNextPosts(n, fault);
    }

    /** Every post to {@code room} fails with {@code fault} until {@link #acceptPostsTo} or {@link #clearFaults}. */
    public synchronized void refusePostsTo(String room, ChatFault fault) {
        faults.refusePostsTo(room, fault);
    }

    /** Ends {@link #refusePostsTo} for {@code room}. */
    public synchronized void acceptPostsTo(String room) {
        faults.acceptPostsTo(room);
    }

    /** The next read fails with {@code fault}. */
    public void failNextRead(ChatFault fault) {
        failNextReads(1, fault);
    }

    /** The next {@code n} reads fail with {@code fault}. */
    public synchronized void failNextReads(int n, ChatFault fault) {
        faults.failNextReads(n, fault);
    }

    /** Ends every scripted fault and brings the chat up. */
    public synchronized void clearFaults() {
        faults.clear();
    }

    /** How many posts reached the chat, those that failed included. */
    public synchronized int postAttempts() {
        return faults.postAttempts();
    }

    synchronized String post(String sender, String room, String text, String idempotencyKey) {
        faults.checkPost(room);
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
        faults.checkRead();
        return List.copyOf(log.subList((int) Math.min(position, log.size()), log.size()));
    }

    synchronized long end() {
        return log.size();
    }

    /** Whether {@code userId} is an agent account ({@link #addAgent}, {@link #portFor}): its messages are not a human's. */
    public synchronized boolean isAgent(String userId) {
        return agents.contains(userId);
    }

    synchronized boolean mayCommand(String userId, String room) {
        if (commanders.contains(userId)) {
            return true;
        }
        String creator = creators.get(room);
        boolean teamRoom = creator == null || agents.contains(creator) || commanders.contains(creator);
        return commandPowerLevel != null && teamRoom
                && powerLevels.getOrDefault(room, Map.of()).getOrDefault(userId, 0) >= commandPowerLevel;
    }

    private synchronized String append(String sender, String room, String text, Set<String> mentions,
                                       boolean explicit) {
        long position = log.size() + 1;
        String id = "$mem" + position;
        log.add(new Posted(position, id, room, sender, text, clock.now(), mentions, explicit));
        return id;
    }
}
