package dev.agentkit.core.turn;

import dev.agentkit.core.budget.QuotaExceededException;
import dev.agentkit.core.budget.Usage;
import dev.agentkit.core.internal.budget.UsageLedger;
import dev.agentkit.core.time.AgentClock;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The turn's side of the usage budget: the agent's {@link UsageLedger}, loaded from and saved to
 * its state under {@code budget.ledger}, the usage reported during the turn and the current
 * item, and the check made before every fetch.
 */
final class BudgetGuard {
    static final String KEY = "budget.ledger";

    private final UsageLedger ledger;
    private final AgentClock clock;
    private final TurnTally tally;
    private Usage item = Usage.ZERO;

    BudgetGuard(AgentConfig config, AgentState state, AgentClock clock, TurnTally tally) {
        this.clock = clock;
        this.tally = tally;
        this.ledger = new UsageLedger(config.usageBudget(), state.getJson(KEY, Map.class).map(BudgetGuard::read)
                .orElse(null));
    }

    void add(Usage usage) {
        ledger.add(usage, clock.now());
        tally.usage = tally.usage.plus(usage);
        item = item.plus(usage);
    }

    /** The usage reported since the last call. */
    Usage takeItemUsage() {
        Usage u = item;
        item = Usage.ZERO;
        return u;
    }

    void quotaExceeded(QuotaExceededException e) {
        ledger.quotaExceeded(e.resetAt(), e.getMessage());
    }

    /** Whether no more may be pulled now; if so the tally says why and until when. */
    boolean stopped() {
        Optional<UsageLedger.Stop> stop = ledger.stop(clock.now());
        stop.ifPresent(s -> {
            tally.stopReason = s.quota() ? StopReason.QUOTA_EXCEEDED : StopReason.BUDGET_SPENT;
            tally.budgetResetAt = s.resetAt();
        });
        return stop.isPresent();
    }

    /** The reason of the stop {@link #stopped()} found, for humans. */
    String stopReason() {
        return ledger.stop(clock.now()).map(UsageLedger.Stop::reason).orElse("");
    }

    void save(AgentState state) {
        UsageLedger.Saved s = ledger.save();
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "periodStart", s.periodStart());
        m.put("tokensIn", Long.toString(s.used().tokensIn()));
        m.put("tokensOut", Long.toString(s.used().tokensOut()));
        m.put("cost", s.used().cost().toPlainString());
        put(m, "quotaUntil", s.quotaUntil());
        put(m, "quotaReason", s.quotaReason());
        state.putJson(KEY, m);
    }

    private static void put(Map<String, String> m, String key, Object value) {
        if (value != null) {
            m.put(key, value.toString());
        }
    }

    private static UsageLedger.Saved read(Map<?, ?> m) {
        Usage used = new Usage(Long.parseLong(String.valueOf(m.get("tokensIn"))),
                Long.parseLong(String.valueOf(m.get("tokensOut"))), new BigDecimal(String.valueOf(m.get("cost"))));
        return new UsageLedger.Saved(instant(m.get("periodStart")), used, instant(m.get("quotaUntil")),
                m.get("quotaReason") == null ? null : String.valueOf(m.get("quotaReason")));
    }

    private static Instant instant(Object value) {
        return value == null ? null : Instant.parse(String.valueOf(value));
    }
}
