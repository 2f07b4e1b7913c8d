package dev.agentkit.testing;

import dev.agentkit.core.broker.PublishResult;
import dev.agentkit.core.chat.ChatPort;
import dev.agentkit.core.internal.topology.Subjects;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.message.Headers;
import dev.agentkit.core.oversight.AgentControl;
import dev.agentkit.core.oversight.Team;
import dev.agentkit.core.store.InMemoryProcessedStore;
import dev.agentkit.core.store.InMemoryStateStore;
import dev.agentkit.core.store.ProcessedStore;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.LocalTurnLease;
import dev.agentkit.core.turn.TurnListener;
import dev.agentkit.testing.broker.BrokerFaults;
import dev.agentkit.testing.broker.InMemoryBroker;
import dev.agentkit.testing.chat.Human;
import dev.agentkit.testing.chat.InMemoryChat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a unit test of an agent needs, in memory and on virtual time: a broker with the
 * workshop topology, a chat, a clock, stores, and the runtime agents are built with; helpers to
 * publish work, to talk to agents as humans, and to read back what was published, acked,
 * dead-lettered and posted. Made per test by {@link AgentTestKitExtension} (which also logs
 * {@link #diagnostics()} when the test fails), or with {@link #create()}.
 *
 * <p>Agents built on {@link #runtime()} each take their own seat in {@link #chat()}, and
 * {@link #provision} gives an agent its account there, so agents see each other's posts as an
 * agent's, not a human's. An agent answers only humans on the chat's allow-list: {@link #human}
 * is one, {@link #stranger} is not, and everything a stranger says is ignored.
 *
 * <pre>{@code
 * @ExtendWith(AgentTestKitExtension.class)
 * class RoyTest {
 *     @Test
 *     void finishesARequirement(AgentTestKit kit) {
 *         kit.provision("roy", "backend");
 *         Roy roy = new Roy(kit.runtime());
 *         kit.publishWork("backend", Map.of("id", "REQ-001", "title", "Add login"));
 *         TurnReport report = roy.runTurn();
 *         assertThat(report.done()).isEqualTo(1);
 *         assertThat(kit.acked("REQ-001")).isTrue();
 *
 *         kit.human("@alice:localhost").say("backend", "roy: pause");
 *         roy.runTurn();
 *         assertThat(kit.control().isPaused("roy")).isTrue();
 *         assertThat(kit.posts("backend")).last().asString().startsWith("roy: paused");
 *     }
 * }
 * }</pre>
 *
 * <p>Faults: {@link #faults()} scripts the broker's, {@code kit.chat().refuseNextPost(...)} and
 * the other {@link InMemoryChat} faults the chat's.
 */
public final class AgentTestKit implements AutoCloseable {
    private final VirtualClock clock = new VirtualClock();
    private final InMemoryBroker broker = new InMemoryBroker(clock);
    private final InMemoryChat chat = new InMemoryChat(clock);
    private final InMemoryProcessedStore processed = new InMemoryProcessedStore(ProcessedStore.DEFAULT_RETENTION, clock);
    private final InMemoryStateStore state = new InMemoryStateStore();
    private final LocalTurnLease lease = new LocalTurnLease(clock);
    private final AgentControl control = new AgentControl(state);
    private final List<TurnListener> listeners = new ArrayList<>();
    private final Topology topology;
    private Team team = Team.empty();

    private AgentTestKit(Topology topology) {
        this.topology = Objects.requireNonNull(topology, "topology");
        topology.streams().forEach(broker::ensureStream);
    }

    /** A kit with the workshop topology. */
    public static AgentTestKit create() {
        return new AgentTestKit(Topology.workshopDefault());
    }

    /** A kit with {@code topology}. */
    public static AgentTestKit create(Topology topology) {
        return new AgentTestKit(topology);
    }

    /**
     * The runtime to build agents with: the kit's broker, clock, stores, lease and control, the
     * team of every agent provisioned so far, the listeners added so far, and a seat in
     * {@link #chat()} that each agent built on it takes as its own ({@link InMemoryChat#sharedSeat()}).
     */
    public AgentRuntime runtime() {
        return runtime(chat.sharedSeat());
    }

    /** The runtime with another chat port: an agent's own (e.g. {@code kit.chat().portFor("roy")}), or {@link ChatPort#none()}. */
    public AgentRuntime runtime(ChatPort chatPort) {
        AgentRuntime.Builder b = AgentRuntime.builder(broker).chat(chatPort).clock(clock).processedStore(processed)
                .stateStore(state).lease(lease).topology(topology).team(team).control(control);
        listeners.forEach(b::listener);
        return b.build();
    }

    /**
     * Creates the consumers of agent {@code name} with role {@code role}, puts it on the kit's
     * team, and gives it an account in {@link #chat()}.
     */
    public AgentTestKit provision(String name, String role) {
        topology.consumersFor(name, role).all().forEach(broker::ensureConsumer);
        team = team.with(name, role);
        chat.addAgent(name);
        return this;
    }

    /** The kit's chat, on the kit's clock: rooms, agent accounts, humans and chat faults ({@code refuseNextPost}, {@code down}). */
    public InMemoryChat chat() {
        return chat;
    }

    /**
     * A human on the chat's allow-list: agents answer what they say to them and obey their
     * commands ({@code roy: pause}).
     *
     * @param userId a Matrix user id, e.g. {@code @alice:localhost}
     */
    public Human human(String userId) {
        return chat.human(userId);
    }

    /** A human who is not on the allow-list: agents ignore everything they say. */
    public Human stranger(String userId) {
        return chat.stranger(userId);
    }

    /** What agents posted to {@code room}, oldest first (an agent's own posts read {@code roy: ...}). */
    public List<String> posts(String room) {
        return chat.messages(room).stream().filter(p -> chat.isAgent(p.sender())).map(InMemoryChat.Posted::text).toList();
    }

    /**
     * What happened in the kit, for a test that failed: what was published (subject, id, size),
     * acked, nak'd (with the delay), terminated and dead-lettered (with the reason), what each
     * consumer has pending, and the chat's rooms. Reading it changes nothing and meets no
     * scripted fault. {@link AgentTestKitExtension} logs it when a test fails.
     */
    public String diagnostics() {
        return KitDiagnostics.render(this);
    }

    /** Adds a listener to the runtimes made from now on. */
    public AgentTestKit addListener(TurnListener listener) {
        listeners.add(listener);
        return this;
    }

    /** Publishes {@code body} as JSON to {@code work.requirements.<role>}, with its {@code id} as message id if it has one. */
    public PublishResult publishWork(String role, Object body) {
        return publish(topology.requirementSubject(role), body);
    }

    /** Publishes {@code body} (an {@link Envelope}, or anything written as JSON) to {@code subject}. */
    public PublishResult publish(String subject, Object body) {
        Envelope e = body instanceof Envelope env ? env : Envelope.ofJson(body);
        if (e.header(Headers.MESSAGE_ID).isEmpty() && e.id().isPresent()) {
            e = e.withMessageId(e.id().get());
        }
        return broker.publish(subject, e);
    }

    /** Moves virtual time forward, firing due timers. */
    public void advance(Duration d) {
        clock.advance(d);
    }

    /** Everything published to subjects matching {@code pattern} ({@code *} and {@code >} allowed), oldest first. */
    public List<Envelope> published(String pattern) {
        return broker.published().stream().filter(p -> Subjects.matches(pattern, p.subject()))
                .filter(p -> !p.result().duplicate()).map(InMemoryBroker.Published::envelope).toList();
    }

    /** The dead letters of {@code agent}, oldest first. */
    public List<Envelope> deadLetters(String agent) {
        return published(topology.deadLetterSubject(agent));
    }

    /** Whether a message with this id was acked by some consumer. */
    public boolean acked(String id) {
        return settled(id, InMemoryBroker.Action.ACK);
    }

    /** How many times a message with this id was nak'ed. */
    public long nakCount(String id) {
        return broker.settlements().stream()
                .filter(s -> s.action() == InMemoryBroker.Action.NAK && id.equals(s.envelope().id().orElse(null)))
                .count();
    }

    private boolean settled(String id, InMemoryBroker.Action action) {
        return broker.settlements().stream()
                .anyMatch(s -> s.action() == action && id.equals(s.envelope().id().orElse(null)));
    }

    /**
     * The headers of the first dead letter of {@code agent} whose item id is {@code id}: its
     * {@code Agentkit-Item-Id} (an item back from an approval), else its original message id.
     */
    public Map<String, String> deadLetterHeaders(String agent, String id) {
        return deadLetters(agent).stream()
                .filter(e -> id.equals(e.header(Headers.ITEM_ID).orElse(null))
                        || id.equals(e.header(Headers.ORIGINAL_ID).orElse(e.id().orElse(null))))
                .findFirst().map(Envelope::headers)
                .orElseThrow(() -> new AssertionError("no dead letter of " + agent + " for " + id));
    }

    /** The kit's virtual clock, which its broker, chat, stores and runtimes share. */
    public VirtualClock clock() {
        return clock;
    }

    /** The kit's broker, with the topology's streams. */
    public InMemoryBroker broker() {
        return broker;
    }

    /**
     * The broker's scripted failures, to test an agent against a failing publish, fetch or ack, a
     * lost ack, or a broker that goes down: {@code kit.faults().failNextPublish()}; see
     * {@link BrokerFaults}. The chat's are on {@link #chat()}: {@code kit.chat().refuseNextPost(...)}.
     */
    public BrokerFaults faults() {
        return broker.faults();
    }

    /** The topology the kit's streams and agents' consumers follow. */
    public Topology topology() {
        return topology;
    }

    /** The processed-store every runtime of the kit shares. */
    public InMemoryProcessedStore processedStore() {
        return processed;
    }

    /** The state store every runtime of the kit shares (agents' state, control flags, the dead-letter index). */
    public InMemoryStateStore stateStore() {
        return state;
    }

    /** The pause, resume and turn-now flags every runtime of the kit shares. */
    public AgentControl control() {
        return control;
    }

    /** The agents provisioned so far and their roles. */
    public Team team() {
        return team;
    }

    @Override
    public void close() {
        broker.close();
    }
}
