package dev.agentkit.core.budget;

import dev.agentkit.core.AgentkitException;
import java.time.Instant;
import java.util.Objects;

/**
 * Thrown by agent code when the language-model provider refuses for quota or rate reasons (an
 * HTTP 429 with a reset time, a monthly cap). The turn stops pulling work at once and reports
 * {@code QUOTA_EXCEEDED} with {@link #resetAt()}; the item is put back for after the reset
 * without counting as a failure, so it never reaches the dead letters because of the quota.
 * Turns before the reset stop without fetching.
 */
public class QuotaExceededException extends AgentkitException {
    private static final long serialVersionUID = 1L;
    private final Instant resetAt;

    /** The quota resets at {@code resetAt}; {@code message} says which provider and limit (no keys). */
    public QuotaExceededException(Instant resetAt, String message) {
        super(message);
        this.resetAt = Objects.requireNonNull(resetAt, "resetAt");
    }

    /** When the provider accepts requests again. */
    public Instant resetAt() {
        return resetAt;
    }
}
