package dev.agentkit.routing.work;

import dev.agentkit.core.turn.StopReason;
import java.util.Objects;

/**
 * What one {@link WorkLoop#run} did. {@link #processed()} is the number the seed's work loop
 * returns: deliveries pulled and settled, whatever their outcome.
 *
 * @param processed    deliveries pulled and settled
 * @param done         acked as done
 * @param retried      nak'ed for a later delivery (retry, blocked, or the handler threw), or left
 *                     unsettled because settling it failed
 * @param deadLettered rejected, poison, or out of deliveries: dead-lettered and terminated
 * @param duplicates   already processed by an earlier delivery: acked without work
 * @param stopReason   {@code QUEUE_EMPTY}, {@code MAX_ITEMS} or {@code BROKER_FAILURE}
 */
public record WorkReport(int processed, int done, int retried, int deadLettered, int duplicates,
                         StopReason stopReason) {
    public WorkReport {
        Objects.requireNonNull(stopReason, "stopReason");
    }

    /** One line for logs. */
    public String summary() {
        return processed + " processed: " + done + " done, " + retried + " retried, " + deadLettered
                + " dead-lettered, " + duplicates + " duplicates (" + stopReason + ")";
    }
}
