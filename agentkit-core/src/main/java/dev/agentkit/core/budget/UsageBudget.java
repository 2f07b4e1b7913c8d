package dev.agentkit.core.budget;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What one agent may spend on language models per period: at most {@code maxTokens} tokens (in
 * and out together) and at most {@code maxCost}; zero means no limit. Periods are aligned to the
 * epoch in UTC, so a one-day period resets at midnight UTC and a one-hour period on the hour.
 * Part of {@code AgentConfig}; immutable.
 *
 * <pre>{@code
 * UsageBudget.perDay().withMaxTokens(2_000_000).withMaxCost(5.00)
 * }</pre>
 *
 * @param period    the length of a budget period
 * @param maxTokens the most tokens per period; 0 for no limit
 * @param maxCost   the most cost per period; zero for no limit
 */
public record UsageBudget(Duration period, long maxTokens, BigDecimal maxCost) {
    /** No limit at all: the default. */
    public static final UsageBudget UNLIMITED = new UsageBudget(Duration.ofDays(1), 0, BigDecimal.ZERO);

    public UsageBudget {
        Objects.requireNonNull(maxCost, "maxCost");
        if (period == null || period.toMillis() < 1) {
            throw new IllegalArgumentException("usage budget period must be at least 1 ms, was " + period);
        }
        if (maxTokens < 0 || maxCost.signum() < 0) {
            throw new IllegalArgumentException("usage budget limits must not be negative: " + maxTokens + " tokens, cost "
                    + maxCost);
        }
    }

    /** No limit yet, over periods of {@code period}. */
    public static UsageBudget per(Duration period) {
        return new UsageBudget(period, 0, BigDecimal.ZERO);
    }

    /** No limit yet, over UTC days. */
    public static UsageBudget perDay() {
        return per(Duration.ofDays(1));
    }

    /** No limit yet, over hours. */
    public static UsageBudget perHour() {
        return per(Duration.ofHours(1));
    }

    /** The same budget with a token limit (0 for none). */
    public UsageBudget withMaxTokens(long tokens) {
        return new UsageBudget(period, tokens, maxCost);
    }

    /** The same budget with a cost limit (0 for none). */
    public UsageBudget withMaxCost(BigDecimal cost) {
        return new UsageBudget(period, maxTokens, cost);
    }

    /** The same budget with a cost limit (0 for none). */
    public UsageBudget withMaxCost(double cost) {
        return withMaxCost(BigDecimal.valueOf(cost));
    }

    /** Whether any limit is set. */
    public boolean isLimited() {
        return maxTokens > 0 || maxCost.signum() > 0;
    }

    /** Whether {@code used} reaches a limit. */
    public boolean isSpentBy(Usage used) {
        return (maxTokens > 0 && used.tokens() >= maxTokens)
                || (maxCost.signum() > 0 && used.cost().compareTo(maxCost) >= 0);
    }

    /** The start of the period that holds {@code t}. */
    public Instant periodStart(Instant t) {
        long p = period.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), p) * p);
    }

    /** The end of the period that holds {@code t}: when the budget resets. */
    public Instant periodEnd(Instant t) {
        return periodStart(t).plus(period);
    }
}
