package dev.agentkit.examples.readme;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.budget.UsageBudget;
import dev.agentkit.core.chat.ChatPort;
import dev.agentkit.core.oversight.DeadLetterDesk;
import dev.agentkit.core.oversight.DeskReport;
import dev.agentkit.core.oversight.Team;
import dev.agentkit.core.store.StateStore;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.ItemEvent;
import dev.agentkit.core.turn.TurnBudget;
import dev.agentkit.core.turn.TurnListener;
import java.math.BigDecimal;
import java.time.Duration;

/** agentkit-core's OVERSIGHT.md snippets, compiled and checked by ReadmeSnippetsTest (the desk and budgets run in CommandsTest, DeadLetterDeskTest, BudgetTest). */
final class OversightWiring {
    /** Whatever records a turn's figures: a metrics library of the user's. */
    interface Metrics {
        void record(String agent, int done, BigDecimal cost);
    }

    /** Whatever records an item: a tracer of the user's. */
    interface Tracer {
        void span(String requirement, ItemEvent.Result result, Duration duration);
    }

    private OversightWiring() {
    }

    static DeskReport desk(Broker broker, ChatPort deskChat, StateStore stateStore, Team team, Topology topology,
                           AgentRuntime runtime) {
        DeadLetterDesk desk = DeadLetterDesk.builder(broker, deskChat, stateStore)
                .team(team).topology(topology).control(runtime.control()).build();
        DeskReport r = desk.runOnce();   // e.g. every minute
        return r;
    }

    static AgentConfig budgets() {
        return AgentConfig.builder("roy").role("backend")
                .budget(TurnBudget.items(3))
                .usageBudget(UsageBudget.perDay().withMaxTokens(2_000_000).withMaxCost(5.00))
                .build();
    }

    static AgentRuntime listeners(Broker broker, Metrics metrics, Tracer tracer) {
        return AgentRuntime.builder(broker)
                .listener(TurnListener.onTurnEnded(r -> metrics.record(r.agent(), r.done(), r.usage().cost())))
                .listener(TurnListener.onItem(e -> tracer.span(e.requirementId(), e.result(), e.duration())))
                .build();
    }
}
