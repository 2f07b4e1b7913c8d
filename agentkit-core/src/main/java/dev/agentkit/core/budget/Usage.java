package dev.agentkit.core.budget;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What a worker spent on a language model: tokens in, tokens out and their cost (in whatever
 * currency the team budgets in). Reported by agent code with {@code TurnBasedAgent.reportUsage}
 * and summed per item, per turn and per budget period.
 *
 * @param tokensIn  prompt tokens
 * @param tokensOut completion tokens
 * @param cost      what they cost, zero or more
 */
public record Usage(long tokensIn, long tokensOut, BigDecimal cost) {
    /** Nothing spent. */
    public static final Usage ZERO = new Usage(0, 0, BigDecimal.ZERO);

    public Usage {
        Objects.requireNonNull(cost, "cost");
        if (tokensIn < 0 || tokensOut < 0 || cost.signum() < 0) {
            throw new IllegalArgumentException("usage must not be negative: " + tokensIn + " in, " + tokensOut
                    + " out, cost " + cost);
        }
    }

    /** Usage with a cost given as a double (e.g. {@code 0.0042}); it is kept as the decimal it prints as. */
    public static Usage of(long tokensIn, long tokensOut, double cost) {
        return new Usage(tokensIn, tokensOut, BigDecimal.valueOf(cost));
    }

    /** Tokens in and out together. */
    public long tokens() {
        return tokensIn + tokensOut;
    }

    /** The sum of this and {@code other}. */
    public Usage plus(Usage other) {
        return new Usage(tokensIn + other.tokensIn, tokensOut + other.tokensOut, cost.add(other.cost));
    }

    /** Whether nothing was spent. */
    public boolean isZero() {
        return tokensIn == 0 && tokensOut == 0 && cost.signum() == 0;
    }

    /** {@code 1200 tokens in, 300 out, cost 0.0042}. */
    @Override
    public String toString() {
        return tokensIn + " tokens in, " + tokensOut + " out, cost " + cost.stripTrailingZeros().toPlainString();
    }
}
