package dev.agentkit.nats;

import dev.agentkit.core.time.AgentClock;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.DirectMessage;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.TurnBasedAgent;
import dev.agentkit.core.turn.TurnBudget;
import dev.agentkit.core.turn.WorkItem;
import dev.agentkit.nats.kv.KvProcessedStore;
import dev.agentkit.nats.kv.KvStateStore;
import dev.agentkit.nats.kv.KvTurnLease;
import dev.agentkit.nats.kv.LeaseExpiry;
import io.nats.client.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An agent for integration tests: its work is a lambda, it counts how often each item's work ran,
 * can ask another agent a question on its next item, answers questions with a fixed text and
 * records the answers it gets. Runs on a real broker with the KV stores and lease.
 */
class TestAgent extends TurnBasedAgent {
    interface Work {
        Outcome apply(TestAgent self, WorkItem item) throws Exception;
    }

    final Map<String, Integer> runs = new ConcurrentHashMap<>();
    final List<DirectMessage> answers = new CopyOnWriteArrayList<>();
    volatile Work work = (self, item) -> Outcome.done();
    volatile String answer;
    volatile String askOnNextItem;
    volatile String askedCorrelation;

    TestAgent(AgentConfig config, AgentRuntime runtime) {
        super(config, runtime);
    }

    /** A runtime on {@code broker} whose processed store, state store and lease are KV buckets named after {@code stores}. */
    static AgentRuntime runtime(JetStreamBroker broker, Topology topology, String stores) {
        Connection nc = broker.connection();
        return AgentRuntime.builder(broker).topology(topology)
                .processedStore(KvProcessedStore.open(nc, "processed_" + stores, Duration.ZERO, AgentClock.system()))
                .stateStore(KvStateStore.open(nc, "state_" + stores))
                .lease(KvTurnLease.open(nc, "leases_" + stores, AgentClock.system(), LeaseExpiry.AUTO))
                .build();
    }

    /** Settings for fast tests: short retry delays, ten items a turn. */
    static AgentConfig.Builder config(String name, String role) {
        return AgentConfig.builder(name).role(role).failureDelay(Duration.ofSeconds(1))
                .blockedDelay(Duration.ofSeconds(1)).budget(TurnBudget.items(10));
    }

    @Override
    protected Outcome processWork(WorkItem item) throws Exception {
        runs.merge(item.id(), 1, Integer::sum);
        String target = askOnNextItem;
        if (target != null) {
            askOnNextItem = null;
            askedCorrelation = ask(target, "what is the schema of /login?");
        }
        return work.apply(this, item);
    }

    @Override
    protected Optional<String> onQuestion(DirectMessage question) {
        return Optional.ofNullable(answer);
    }

    @Override
    protected void onAnswer(DirectMessage a) {
        answers.add(a);
    }
}
