package dev.agentkit.core.worker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentkit.core.internal.message.Json;
import dev.agentkit.core.turn.Outcome;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * What a worker command may write to the file named by {@code AGENTKIT_OUTCOME_FILE} before it
 * exits, to say more than its exit code can: {@code {"outcome": "blocked", "reason": "needs the
 * API spec"}}, or {@code "reject"} for work it can never do, {@code "retry"} to be asked again
 * later, {@code "done"}; and what its language-model calls cost ({@code tokensIn},
 * {@code tokensOut}, {@code cost}), counted against the agent's usage budget. Every field is
 * optional; a file that is not a JSON object is ignored with a warning. Read by
 * {@link WorkerAgent}.
 *
 * @param outcome   {@code done}, {@code retry}, {@code blocked} or {@code reject}; empty to go by the exit code
 * @param reason    why, for the retry, the alert or the dead letter
 * @param tokensIn  input tokens spent
 * @param tokensOut output tokens spent
 * @param cost      money spent, in the budget's currency
 */
public record WorkerReport(Optional<String> outcome, String reason, long tokensIn, long tokensOut, double cost) {
    private static final String[] OUTCOMES = {"done", "retry", "blocked", "reject"};

    public WorkerReport {
        outcome = outcome.map(o -> o.strip().toLowerCase(Locale.ROOT));
        reason = reason == null ? "" : reason;
        if (outcome.isPresent() && !java.util.Arrays.asList(OUTCOMES).contains(outcome.get())) {
            throw new IllegalArgumentException("outcome must be one of done, retry, blocked, reject; was '"
                    + outcome.get() + "'");
        }
    }

    /** Parses the file's bytes; empty when they are not a JSON object or name no known outcome. */
    static Optional<WorkerReport> parse(byte[] bytes) {
        Optional<JsonNode> json = Json.tryRead(bytes).filter(JsonNode::isObject);
        if (json.isEmpty()) {
            return Optional.empty();
        }
        JsonNode n = json.get();
        try {
            return Optional.of(new WorkerReport(Optional.ofNullable(n.path("outcome").textValue()),
                    n.path("reason").asText(""), n.path("tokensIn").asLong(0), n.path("tokensOut").asLong(0),
                    n.path("cost").asDouble(0)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether the worker reported any usage. */
    public boolean hasUsage() {
        return tokensIn > 0 || tokensOut > 0 || cost > 0;
    }

    /**
     * The outcome this report asks for in place of {@code byExit} (what the exit code said): a
     * report can turn a success into a retry, block or reject, and a failure into a block or
     * reject, but never a failed exit into done.
     */
    Outcome decide(Outcome byExit, Duration retryDelay) {
        if (outcome.isEmpty()) {
            return byExit;
        }
        String why = reason.isBlank() ? "the worker said " + outcome.get() : reason;
        return switch (outcome.get()) {
            case "reject" -> Outcome.reject(why);
            case "blocked" -> Outcome.blocked(why);
            case "retry" -> byExit instanceof Outcome.Retry ? byExit : Outcome.retry(retryDelay, why);
            default -> byExit;
        };
    }
}
