package dev.agentkit.testing.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.ConsumerStatus;
import dev.agentkit.core.budget.QuotaExceededException;
import dev.agentkit.core.budget.UsageBudget;
import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.StopReason;
import dev.agentkit.core.turn.TurnBasedAgent;
import dev.agentkit.core.turn.TurnBudget;
import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.core.turn.WorkItem;
import dev.agentkit.testing.AgentTestKit;
import dev.agentkit.testing.AgentTestKitExtension;
import dev.agentkit.testing.chat.InMemoryChat;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Item, usage and quota budgets stop pulling without burning a delivery or dead-lettering anything. */
@ExtendWith(AgentTestKitExtension.class)
class BudgetTest {
    private InMemoryChat chat;

    /** An agent that reports 300 tokens in and 100 out per item, and can be told to throw. */
    static final class Metered extends TurnBasedAgent {
        final List<WorkItem> worked = new ArrayList<>();
        RuntimeException failWith;

        Metered(AgentConfig config, dev.agentkit.core.turn.AgentRuntime runtime) {
            super(config, runtime);
        }

        @Override
        protected Outcome processWork(WorkItem item) {
            worked.add(item);
            reportUsage(300, 100, 0.01);
            if (failWith != null) {
                throw failWith;
            }
            return Outcome.done();
        }
    }

    private Metered agent(AgentTestKit kit, AgentConfig.Builder config) {
        kit.provision("roy", "backend");
        chat = new InMemoryChat(kit.clock());
        return new Metered(config.role("backend").room("backend").build(), kit.runtime(chat.portFor("roy")));
    }

    private static void publish(AgentTestKit kit, int n) {
        for (int i = 1; i <= n; i++) {
            kit.publishWork("backend", Map.of("id", "REQ-" + i));
        }
    }

    private static ConsumerStatus work(AgentTestKit kit) {
        return kit.broker().status(ConsumerRef.of(kit.topology().consumersFor("roy", "backend").work()));
    }

    @Test
    void aThreeItemBudgetTakesTenItemsInFourTurnsWithoutDeadLetters(AgentTestKit kit) {
        Metered roy = agent(kit, AgentConfig.builder("roy").budget(TurnBudget.items(3)));
        publish(kit, 10);
        List<TurnReport> turns = new ArrayList<>();
        for (int t = 1; t <= 4; t++) {
            turns.add(roy.runTurn());
            assertThat(work(kit).ackPending()).as("nothing fetched and left unprocessed").isZero();
        }
        assertThat(turns).extracting(TurnReport::done).containsExactly(3, 3, 3, 1);
        assertThat(turns).extracting(TurnReport::stopReason).containsExactly(StopReason.MAX_ITEMS, StopReason.MAX_ITEMS,
                StopReason.MAX_ITEMS, StopReason.QUEUE_EMPTY);
        assertThat(roy.worked).hasSize(10).allSatisfy(i -> assertThat(i.deliveryCount()).isEqualTo(1));
        assertThat(kit.deadLetters("roy")).isEmpty();
        assertThat(kit.broker().exhaustedDeliveries()).isEmpty();
    }

    @Test
    void aSpentTokenBudgetStopsPullingUntilThePeriodResets(AgentTestKit kit) {
        Metered roy = agent(kit, AgentConfig.builder("roy").usageBudget(UsageBudget.perHour().withMaxTokens(1_000)));
        publish(kit, 10);
        TurnReport first = roy.runTurn();
        Instant reset = Instant.parse("2030-01-01T01:00:00Z");
        assertThat(first.done()).as("400 tokens each: the third crosses 1000").isEqualTo(3);
        assertThat(first.stopReason()).isEqualTo(StopReason.BUDGET_SPENT);
        assertThat(first.budgetReset()).contains(reset);
        assertThat(first.usage().tokens()).isEqualTo(1_200);
        assertThat(first.usage().cost()).isEqualByComparingTo(new BigDecimal("0.03"));
        assertThat(work(kit).pending()).isEqualTo(7);

        kit.advance(Duration.ofMinutes(30));
        TurnReport early = roy.runTurn();
        assertThat(early.pulled()).isZero();
        assertThat(early.stopReason()).isEqualTo(StopReason.BUDGET_SPENT);
        assertThat(early.budgetReset()).contains(reset);
        assertThat(work(kit)).as("nothing fetched, nothing burnt").isEqualTo(new ConsumerStatus(7, 0));
        assertThat(chat.texts("backend")).filteredOn(p -> p.contains("usage budget is spent")).singleElement().asString()
                .startsWith("roy: my usage budget is spent (usage budget spent: 900 tokens in, 300 out, cost 0.03)")
                .endsWith("I pull no work until " + reset + ".");

        kit.advance(Duration.ofMinutes(30));
        TurnReport afterReset = roy.runTurn();
        assertThat(afterReset.done()).isEqualTo(3);
        assertThat(afterReset.budgetReset()).contains(reset.plus(Duration.ofHours(1)));
        assertThat(kit.deadLetters("roy")).isEmpty();
    }

    @Test
    void aQuotaErrorOnTheLastDeliveryStopsTheTurnAndNeverDeadLettersTheItem(AgentTestKit kit) {
        Metered roy = agent(kit, AgentConfig.builder("roy"));
        publish(kit, 2);
        Instant reset = kit.clock().now().plus(Duration.ofHours(2));
        roy.failWith = new IllegalStateException("flaky tool");
        roy.runTurn();
        kit.advance(Duration.ofMinutes(5));
        roy.runTurn();
        kit.advance(Duration.ofMinutes(5));
        roy.failWith = new QuotaExceededException(reset, "provider: 429 monthly token cap");
        TurnReport quota = roy.runTurn();
        assertThat(roy.worked.get(roy.worked.size() - 1).lastAttempt()).isTrue();
        assertThat(quota.stopReason()).isEqualTo(StopReason.QUOTA_EXCEEDED);
        assertThat(quota.budgetReset()).contains(reset);
        assertThat(quota.deadLettered()).isZero();
        assertThat(quota.failed()).as("a quota error is not a failure").isZero();
        assertThat(quota.pulled()).as("stops at the first quota error").isEqualTo(1);
        assertThat(chat.texts("backend")).anySatisfy(p -> assertThat(p).contains("quota is exhausted").contains("429 monthly token cap"));

        kit.advance(Duration.ofHours(1));
        TurnReport early = roy.runTurn();
        assertThat(early.pulled()).isZero();
        assertThat(early.stopReason()).isEqualTo(StopReason.QUOTA_EXCEEDED);

        kit.advance(Duration.ofHours(1));
        roy.failWith = null;
        TurnReport after = roy.runTurn();
        assertThat(after.done()).isEqualTo(2);
        assertThat(kit.deadLetters("roy")).isEmpty();
        assertThat(roy.worked.get(roy.worked.size() - 1).id()).as("the requeued copy, the same item").isEqualTo("REQ-1");
        assertThat(roy.worked.get(roy.worked.size() - 1).envelope().id()).as("the copy's own message id")
                .hasValue("REQ-1:requeue:1");
        assertThat(roy.worked.get(roy.worked.size() - 1).deliveryCount()).isEqualTo(1);
    }

    @Test
    void aQuotaErrorBeforeTheLastDeliveryNaksUntilTheReset(AgentTestKit kit) {
        Metered roy = agent(kit, AgentConfig.builder("roy"));
        publish(kit, 1);
        Instant reset = kit.clock().now().plus(Duration.ofMinutes(45));
        roy.failWith = new QuotaExceededException(reset, "rate limited");
        assertThat(roy.runTurn().retried()).isEqualTo(1);
        assertThat(kit.nakCount("REQ-1")).isEqualTo(1);
        roy.failWith = null;
        kit.advance(Duration.ofMinutes(44));
        assertThat(roy.runTurn().pulled()).isZero();
        kit.advance(Duration.ofMinutes(1));
        TurnReport after = roy.runTurn();
        assertThat(after.done()).isEqualTo(1);
        assertThat(roy.worked).extracting(WorkItem::deliveryCount).containsExactly(1, 2);
    }
}
