package dev.agentkit.core.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentkit.core.internal.budget.UsageLedger;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UsageLedgerTest {
    private static final Instant T0 = Instant.parse("2030-01-01T10:20:00Z");

    @Test
    void periodsAreAlignedToTheEpochInUtc() {
        UsageBudget daily = UsageBudget.perDay();
        assertThat(daily.periodStart(T0)).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(daily.periodEnd(T0)).isEqualTo(Instant.parse("2030-01-02T00:00:00Z"));
        assertThat(UsageBudget.perHour().periodEnd(T0)).isEqualTo(Instant.parse("2030-01-01T11:00:00Z"));
    }

    @Test
    void aTokenOrCostLimitStopsWorkUntilThePeriodEnds() {
        UsageLedger ledger = new UsageLedger(UsageBudget.perHour().withMaxTokens(1_000).withMaxCost(0.50), null);
        ledger.add(Usage.of(400, 100, 0.10), T0);
        assertThat(ledger.stop(T0)).isEmpty();
        ledger.add(Usage.of(400, 100, 0.10), T0);
        assertThat(ledger.stop(T0)).hasValueSatisfying(s -> {
            assertThat(s.quota()).isFalse();
            assertThat(s.resetAt()).isEqualTo(Instant.parse("2030-01-01T11:00:00Z"));
        });
        assertThat(ledger.stop(Instant.parse("2030-01-01T11:00:00Z"))).as("a new period").isEmpty();
        ledger.add(Usage.of(1, 1, 0.50), Instant.parse("2030-01-01T11:00:00Z"));
        assertThat(ledger.stop(Instant.parse("2030-01-01T11:00:00Z"))).as("the cost limit").isPresent();
    }

    @Test
    void aQuotaStopsWorkUntilItsResetAndSurvivesASave() {
        UsageLedger ledger = new UsageLedger(UsageBudget.UNLIMITED, null);
        ledger.quotaExceeded(T0.plus(Duration.ofMinutes(30)), "429");
        UsageLedger resumed = new UsageLedger(UsageBudget.UNLIMITED, ledger.save());
        assertThat(resumed.stop(T0)).hasValueSatisfying(s -> assertThat(s.quota()).isTrue());
        assertThat(resumed.stop(T0.plus(Duration.ofMinutes(30)))).isEmpty();
    }

    @Test
    void usageIsNeverNegativeAndPrintsPlainly() {
        assertThat(Usage.of(1200, 300, 0.0042)).hasToString("1200 tokens in, 300 out, cost 0.0042");
        assertThatThrownBy(() -> Usage.of(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(UsageBudget.UNLIMITED.isLimited()).isFalse();
    }
}
