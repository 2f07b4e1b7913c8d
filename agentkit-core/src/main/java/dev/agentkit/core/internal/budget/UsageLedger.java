package dev.agentkit.core.internal.budget;

import dev.agentkit.core.budget.Usage;
import dev.agentkit.core.budget.UsageBudget;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One agent's running account against its {@link UsageBudget}: what the current period used and
 * until when a provider quota blocks it. The turn cycle keeps it in the agent's state (as a
 * {@link Saved} value) so it survives turns and restarts, asks {@link #stop(Instant)} before
 * every fetch, and adds each reported {@link Usage}.
 */
public final class UsageLedger {
    /** Why work must wait and until when. */
    public record Stop(boolean quota, Instant resetAt, String reason) {
    }

    /**
     * The persisted form.
     *
     * @param periodStart  start of the period {@code used} belongs to
     * @param used         usage in that period
     * @param quotaUntil   when a provider quota resets, or {@code null}
     * @param quotaReason  the provider's message, or {@code null}
     */
    public record Saved(Instant periodStart, Usage used, Instant quotaUntil, String quotaReason) {
    }

    private final UsageBudget budget;
    private Instant periodStart;
    private Usage used;
    private Instant quotaUntil;
    private String quotaReason;

    /** A ledger for {@code budget}, resumed from {@code saved} (or fresh when {@code null}). */
    public UsageLedger(UsageBudget budget, Saved saved) {
        this.budget = Objects.requireNonNull(budget, "budget");
        if (saved != null) {
            this.periodStart = saved.periodStart();
            this.used = saved.used();
            this.quotaUntil = saved.quotaUntil();
            this.quotaReason = saved.quotaReason();
        }
        if (used == null) {
            used = Usage.ZERO;
        }
    }

    /** Adds {@code usage} spent at {@code now} to the period of {@code now}. */
    public void add(Usage usage, Instant now) {
        roll(now);
        used = used.plus(usage);
    }

    /** Records a provider quota error that lasts until {@code resetAt}. */
    public void quotaExceeded(Instant resetAt, String reason) {
        if (quotaUntil == null || resetAt.isAfter(quotaUntil)) {
            quotaUntil = resetAt;
            quotaReason = reason;
        }
    }

    /** Whether {@link #stop} can find a stop at all: a limited budget, or a provider quota met. */
    public boolean mayStop() {
        return budget.isLimited() || quotaUntil != null;
    }

    /** Why no work may be pulled at {@code now}, if the quota or the budget forbids it. */
    public Optional<Stop> stop(Instant now) {
        roll(now);
        if (quotaUntil != null && now.isBefore(quotaUntil)) {
            return Optional.of(new Stop(true, quotaUntil, quotaReason));
        }
        if (budget.isSpentBy(used)) {
            return Optional.of(new Stop(false, budget.periodEnd(now), "usage budget spent: " + used));
        }
        return Optional.empty();
    }

    /** Usage in the period of {@code now}. */
    public Usage used(Instant now) {
        roll(now);
        return used;
    }

    /** What to persist. */
    public Saved save() {
        return new Saved(periodStart, used, quotaUntil, quotaReason);
    }

    private void roll(Instant now) {
        Instant start = budget.periodStart(now);
        if (!start.equals(periodStart)) {
            periodStart = start;
            used = Usage.ZERO;
        }
        if (quotaUntil != null && !now.isBefore(quotaUntil)) {
            quotaUntil = null;
            quotaReason = null;
        }
    }
}
