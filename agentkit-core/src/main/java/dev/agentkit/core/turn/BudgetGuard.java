package dev.agentkit.core.turn;

import dev.agentkit.core.budget.QuotaExceededException;
import dev.agentkit.core.budget.Usage;
import dev.agentkit.core.internal.budget.UsageLedger;
import dev.agentkit.core.internal.message.Json;
import dev.agentkit.core.time.AgentClock;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The turn's side of the usage budget: the agent's {@link UsageLedger}, loaded from and saved to
 * agentkit's section of its state under {@code budget.ledger}, the usage reported during the turn
 * and the current item, and the check made before every fetch. Its queries change nothing: the
 * turn folds a stop they find into its report.
 */
final class BudgetGuard {
    static final String KEY = "budget.ledger";

    private final UsageLedger ledger;
    private final AgentClock clock;
    private Usage turn = Usage.ZERO;
    private Usage item = Usage.ZERO;

    BudgetGuard(AgentConfig config, AgentState.Internal state, AgentClock clock) {
        this.clock = clock;
        this.ledger = new UsageLedger(config.usageBudget(), state.get(KEY).map(v -> Json.read(v, Map.class))
                .map(BudgetGuard::read).orElse(null));
    }

    void add(Usage usage) {
        ledger.add(usage, clock.now());
        turn = turn.plus(usage);
        item = item.plus(usage);
    }

    /** The usage reported in this turn. */
    Usage turnUsage() {
        return turn;
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

    /** Why no more may be pulled now, and until when; empty when pulling may go on. */
    Optional<UsageLedger.Stop> stop() {
        return ledger.mayStop() ? ledger.stop(clock.now()) : Optional.empty();
    }

    /** Whether no more may be pulled now. */
    boolean stopped() {
        return stop().isPresent();
    }

    /** The turn's stop reason for {@code stop}. */
    static StopReason reasonOf(UsageLedger.Stop stop) {
        return stop.quota() ? StopReason.QUOTA_EXCEEDED : StopReason.BUDGET_SPENT;
    }

    /** The reason of the stop {@link #stop()} finds, for humans. */
    String stopReason() {
        return stop().map(UsageLedger.Stop::reason).orElse("");
    }

    void save(AgentState.Internal state) {
        UsageLedger.Saved s = ledger.save();
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "periodStart", s.periodStart());
        m.put("tokensIn", Long.toString(s.used().tokensIn()));
        m.put("tokensOut", Long.toString(s.used().tokensOut()));
        m.put("cost", s.used().cost().toPlainString());
        put(m, "quotaUntil", s.quotaUntil());
        put(m, "quotaReason", s.quotaReason());
        state.put(KEY, Json.writeString(m));
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
