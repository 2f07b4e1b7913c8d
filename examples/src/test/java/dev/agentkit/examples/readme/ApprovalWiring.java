package dev.agentkit.examples.readme;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.oversight.Approval;
import dev.agentkit.core.oversight.ApprovalBook;
import dev.agentkit.core.oversight.ApprovalOptions;
import dev.agentkit.core.store.StateStore;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.TurnBasedAgent;
import dev.agentkit.core.turn.WorkItem;
import java.time.Duration;
import java.util.Optional;

/**
 * The README's and OVERSIGHT.md's approval snippets, compiled and checked by ReadmeSnippetsTest
 * (the cycle runs in ApprovalTest, the ApprovalCycleContract suites, RoyTest and RoyApprovalRestartIT).
 */
final class ApprovalWiring {
    private ApprovalWiring() {
    }

    /** An agent that asks before it migrates. */
    static final class Migrator extends TurnBasedAgent {
        Migrator(AgentRuntime runtime) {
            super(AgentConfig.builder("roy").role("backend").room("backend").build(), runtime);
        }

        @Override
        protected Outcome processWork(WorkItem item) {
            Optional<Approval> decision = item.approval();
            if (decision.isEmpty()) {
                return Outcome.awaitApproval(item.id() + " migrates the production database; may I run it?",
                        ApprovalOptions.custom().timeout(Duration.ofHours(4))
                                .onTimeout(ApprovalOptions.OnTimeout.DENY).build());
            }
            if (decision.get().denied()) {
                return Outcome.reject("denied by " + decision.get().by() + ": " + decision.get().text());
            }
            migrate(item);
            return Outcome.done();
        }

        private void migrate(WorkItem item) { // (not in the README)
        } // (not in the README)
    }

    static String approveFromJava(StateStore stateStore, Broker broker) {
        ApprovalBook approvals = new ApprovalBook(stateStore, AgentClock.system());
        String reply = approvals.decide(broker, "REQ-005", Approval.Decision.APPROVED, "ops-bot", "");
        return reply;
    }
}
