package dev.agentkit.testing.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.message.Headers;
import dev.agentkit.core.oversight.AgentControl;
import dev.agentkit.core.oversight.Approval;
import dev.agentkit.core.oversight.ApprovalBook;
import dev.agentkit.core.oversight.Team;
import dev.agentkit.core.store.ProcessedStore;
import dev.agentkit.core.store.StateStore;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.LocalTurnLease;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.TurnBasedAgent;
import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.core.turn.WorkItem;
import dev.agentkit.testing.chat.Human;
import dev.agentkit.testing.chat.InMemoryChat;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The approval cycle on a broker and a state store: an agent asks ({@code Outcome.awaitApproval}),
 * the item is acked and parked, nothing is redelivered while it waits, an allow-listed human
 * decides in the agent's room, and the agent's next turn gets the same item back (same id, body
 * and requirement, the same delivery count) with the decision; a stranger's decision and a
 * second one do nothing. Extend it with the broker, stores and clock under test, as
 * {@code BrokerContract} is extended; the chat is an {@link InMemoryChat} on the same clock.
 */
public abstract class ApprovalCycleContract {
    /** The consumers' ack wait: the test waits past it to see that nothing is redelivered. */
    protected static final Duration ACK_WAIT = Duration.ofSeconds(1);

    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final String agentName = "ava" + suffix;
    private final String role = "ops" + suffix;
    private final String room = "ops";
    private final String item = "MIG-" + suffix;
    private final Topology topology = Topology.builder().ackWait(ACK_WAIT).maxDeliver(3).build();
    private final List<WorkItem> seen = new CopyOnWriteArrayList<>();
    private InMemoryChat chat;
    private Asker agent;
    private Human douglas;

    /** The broker under test, with the topology's streams provisionable. */
    protected abstract Broker broker();

    /** The state store the approvals are kept in. */
    protected abstract StateStore stateStore();

    /** The processed store. */
    protected abstract ProcessedStore processedStore();

    /** The clock of the broker, stores and chat. */
    protected abstract AgentClock clock();

    /** Lets {@code d} pass: advance virtual time, or wait in real time. */
    protected abstract void elapse(Duration d);

    /** The agent of the contract: asks before it runs an item, rejects it when denied. */
    private final class Asker extends TurnBasedAgent {
        Asker(AgentRuntime runtime) {
            super(AgentConfig.builder(agentName).role(role).room(room).build(), runtime);
        }

        @Override
        protected Outcome processWork(WorkItem w) {
            seen.add(w);
            if (w.approval().isEmpty()) {
                return Outcome.awaitApproval("may I run the migration " + w.id() + " on production?");
            }
            Approval a = w.approval().get();
            return a.denied() ? Outcome.reject("denied by " + a.by() + ": " + a.text()) : Outcome.done();
        }
    }

    @BeforeEach
    void setUpTheTeam() {
        broker().provision(topology, Map.of(agentName, role));
        chat = new InMemoryChat(clock());
        chat.addAgent(agentName);
        douglas = chat.human("@douglas:localhost");
        StateStore state = stateStore();
        AgentRuntime runtime = AgentRuntime.builder(broker()).chat(chat.portFor(agentName)).clock(clock())
                .processedStore(processedStore()).stateStore(state).lease(new LocalTurnLease(clock())).topology(topology)
                .team(Team.of(Map.of(agentName, role))).control(new AgentControl(state)).build();
        agent = new Asker(runtime);
        broker().publish(topology.requirementSubject(role),
                Envelope.ofJson(Map.of("id", item, "requirement", "REQ-77", "statement", "migrate the users table")));
    }

    private List<String> agentPosts(String where) {
        return chat.messages(where).stream().filter(p -> chat.isAgent(p.sender())).map(InMemoryChat.Posted::text).toList();
    }

    private ConsumerRef work() {
        return ConsumerRef.of(topology.consumersFor(agentName, role).work());
    }

    @Test
    void anItemAsksIsParkedWithoutRedeliveryAndComesBackApprovedAsTheSameItem() {
        TurnReport asked = agent.runTurn();

        assertThat(asked.pulled()).isEqualTo(1);
        assertThat(broker().status(work()).hasWork()).as("acked once its question was stored").isFalse();
        assertThat(agentPosts(room)).filteredOn(p -> p.contains("APPROVAL")).singleElement().asString().contains("APPROVAL REQ-77", "approve REQ-77",
                "deny REQ-77 <reason>", "answer REQ-77 <text>", "may I run the migration " + item);
        assertThat(agentPosts("alerts")).singleElement().asString().contains("APPROVAL REQ-77");
        assertThat(new ApprovalBook(stateStore(), clock()).pendingOf(agentName)).singleElement()
                .satisfies(e -> assertThat(e.item()).isEqualTo("REQ-77"));

        elapse(ACK_WAIT.multipliedBy(2));
        assertThat(agent.runTurn().pulled()).as("no redelivery while it waits").isZero();

        douglas.say(room, "approve REQ-77");
        TurnReport resumed = agent.runTurn();

        assertThat(resumed.done()).isEqualTo(1);
        assertThat(seen).hasSize(2);
        WorkItem before = seen.get(0);
        WorkItem after = seen.get(1);
        assertThat(after.id()).isEqualTo(before.id()).isEqualTo(item);
        assertThat(after.envelope().body()).isEqualTo(before.envelope().body());
        assertThat(after.envelope().requirementId()).isEqualTo(before.envelope().requirementId());
        assertThat(after.deliveryCount()).as("the wait burnt no delivery").isEqualTo(before.deliveryCount())
                .isEqualTo(1);
        assertThat(after.approval()).hasValueSatisfying(a -> {
            assertThat(a.approved()).isTrue();
            assertThat(a.by()).isEqualTo("@douglas:localhost");
            assertThat(a.question()).contains("may I run the migration");
        });
        assertThat(processedStore().isProcessed(agentName + "." + item)).isTrue();
        assertThat(agentPosts(room)).anySatisfy(p -> assertThat(p).contains("approved REQ-77"));
        assertThat(new ApprovalBook(stateStore(), clock()).pendingOf(agentName)).isEmpty();
    }

    @Test
    void aStrangersApproveIsIgnoredAndASecondApproveDoesNothing() {
        agent.runTurn();
        chat.stranger("@mallory:localhost").say(room, "approve REQ-77");
        assertThat(agent.runTurn().pulled()).as("a stranger decides nothing").isZero();
        assertThat(new ApprovalBook(stateStore(), clock()).pendingOf(agentName)).hasSize(1);

        douglas.say(room, "approve REQ-77");
        agent.runTurn();
        douglas.say(room, "approve REQ-77");
        TurnReport again = agent.runTurn();

        assertThat(again.pulled()).as("the second approve re-entered nothing").isZero();
        assertThat(seen).hasSize(2);
        assertThat(agentPosts(room)).last().asString().contains("REQ-77 was already approved by @douglas:localhost");
    }

    @Test
    void aDenyComesBackWithItsReasonAndTheAgentDeadLettersIt() {
        agent.runTurn();
        douglas.say("alerts", "deny REQ-77 not during the release freeze");
        TurnReport denied = agent.runTurn();

        assertThat(denied.deadLettered()).isEqualTo(1);
        assertThat(seen.get(1).approval()).hasValueSatisfying(a -> {
            assertThat(a.denied()).isTrue();
            assertThat(a.text()).isEqualTo("not during the release freeze");
        });
        assertThat(agentPosts("alerts")).anySatisfy(p -> assertThat(p).contains("DEAD LETTER REQ-77")
                .contains("denied by @douglas:localhost: not during the release freeze"));
        assertThat(seen.get(1).envelope().header(Headers.ITEM_ID)).contains(item);
    }
}
