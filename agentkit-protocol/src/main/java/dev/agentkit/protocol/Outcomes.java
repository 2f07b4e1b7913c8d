package dev.agentkit.protocol;

import dev.agentkit.core.turn.Outcome;
import java.time.Duration;

/**
 * Maps how a protocol stream ended to the work item's {@link Outcome}, for the
 * {@link ProtocolWorker}:
 * <table>
 *   <caption>stream ends and outcomes</caption>
 *   <tr><th>stream end</th><th>outcome</th></tr>
 *   <tr><td>completed</td><td>what {@code ProtocolWorker.onResponse} says ({@code done} by default)</td></tr>
 *   <tr><td>refused locally (§5.4), error 400</td><td>reject: the same prompt can never be taken</td></tr>
 *   <tr><td>error 401, 403</td><td>blocked: a human must grant access</td></tr>
 *   <tr><td>error 429</td><td>retry after {@code retry_after_s}, else the retry delay</td></tr>
 *   <tr><td>other errors, silence, no responders, agent not found, too long, a broken chunk</td>
 *       <td>retry after the retry delay: a transient failure, the item is redelivered</td></tr>
 *   <tr><td>a query no allow-listed human answered</td><td>blocked, with the question</td></tr>
 * </table>
 * On the consumer's last delivery a retry or block dead-letters the item, as for any agent.
 */
final class Outcomes {
    private Outcomes() {
    }

    static Outcome of(StreamEnd end, String agent, Duration retryDelay) {
        if (end instanceof StreamEnd.Refused r) {
            return Outcome.reject(r.reason());
        } else if (end instanceof StreamEnd.Failed f) {
            String why = agent + " answered error " + f.code() + ": " + f.description();
            return switch (f.code()) {
                case 400 -> Outcome.reject(why);
                case 401, 403 -> Outcome.blocked(why);
                case 429 -> Outcome.retry(f.retryAfter().isZero() ? retryDelay : f.retryAfter(), why);
                default -> Outcome.retry(retryDelay, why);
            };
        } else if (end instanceof StreamEnd.Unanswered u) {
            return Outcome.blocked(agent + " asked \"" + u.query().prompt() + "\" and " + u.why());
        } else if (end instanceof StreamEnd.Silent s) {
            return Outcome.retry(retryDelay, agent + " went silent for " + s.silence() + " mid-item (gone?)");
        } else if (end instanceof StreamEnd.NoResponders n) {
            return Outcome.retry(retryDelay, agent + " has no responder on " + n.subject());
        } else if (end instanceof StreamEnd.TooLong t) {
            return Outcome.retry(retryDelay, agent + " did not finish within " + t.maxWait());
        } else if (end instanceof StreamEnd.Broken b) {
            return Outcome.retry(retryDelay, b.reason());
        }
        throw new IllegalArgumentException("a completed stream is the worker's to judge: " + end);
    }

    static Outcome notFound(AgentSelector selector, Duration retryDelay) {
        return Outcome.retry(retryDelay, "protocol agent " + selector + " is not to be found by discovery");
    }
}
