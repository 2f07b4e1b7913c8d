package dev.agentkit.core.broker;

/**
 * What a consumer has waiting, from {@link Broker#status}. Schedulers use it to skip a turn when
 * there is no work; oversight reports it to humans.
 *
 * @param pending    messages matching the consumer that it has not delivered yet
 * @param ackPending deliveries handed out and not yet acknowledged, nak'ed for later or expired
 */
public record ConsumerStatus(long pending, long ackPending) {
    /** Whether a fetch could return something now or later without a new publish. */
    public boolean hasWork() {
        return pending > 0 || ackPending > 0;
    }
}
