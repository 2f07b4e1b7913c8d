package dev.agentkit.core.broker;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One caller's fetches from one durable consumer, one after another, where the next pull may be
 * asked for while the caller still works on the deliveries of the last: the broker then answers
 * it over the wire meanwhile, instead of after. Made by {@link Broker#pulls}; used by the turn,
 * which pulls its work in batches this way. Not thread-safe: one caller at a time.
 *
 * <p>A pull asked for ahead hands out deliveries that the caller has not seen yet. The caller
 * must take them: by its next {@link #fetch}, or, when it stops fetching, by {@link #close},
 * which hands them over so that the caller can hand them back (nak them). Their ack wait runs
 * from the moment the server sent them, as for the later items of a batch.
 */
public interface Pulls extends AutoCloseable {
    /**
     * Fetches as {@link Broker#fetch(ConsumerRef, int, Duration)} does, handing the deliveries to
     * {@code arrived} as they come off the wire: each call gets the ones that are there (at least
     * one), in order. Returns how many were handed over. The fetch's time bound leaves out the
     * time spent in {@code arrived}. When a pull was asked for ahead, this fetch hands over its
     * answer instead of sending another: up to the {@code ahead} asked for then, whatever
     * {@code maxMessages} is now, and what was there when it was asked, whatever {@code maxWait} is. With {@code ahead}
     * positive, the next pull, of up to {@code ahead} deliveries that are there at once, may be
     * asked for as soon as this one is answered.
     *
     * <p>A failure after some deliveries were handed over is thrown once {@code arrived} returned;
     * the deliveries not handed over are redelivered after their ack wait. {@code arrived} should
     * not throw: what it throws ends the fetch the same way.
     */
    int fetch(int maxMessages, Duration maxWait, int ahead, Consumer<List<Delivery>> arrived);

    /**
     * Ends these pulls: hands the deliveries of a pull asked for ahead, if any, to {@code unseen},
     * waiting for its answer within the same bound as a fetch; a failure of that answer is
     * logged, not thrown (those deliveries come back after their ack wait).
     */
    void close(Consumer<List<Delivery>> unseen);

    /** Ends these pulls, {@link #close(Consumer)} with the deliveries asked for ahead nak'ed for redelivery at once. */
    @Override
    default void close() {
        close(unseen -> unseen.forEach(d -> d.nak(Duration.ZERO)));
    }

    /**
     * Pulls that never ask ahead: each fetch is {@code broker.fetch(consumer, max, wait)}, handed
     * over in one call. What {@link Broker#pulls} is by default, and what a broker decorator that
     * changes {@code fetch} returns, so its change applies.
     */
    static Pulls oneAtATime(Broker broker, ConsumerRef consumer) {
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(consumer, "consumer");
        return new Pulls() {
            @Override
            public int fetch(int maxMessages, Duration maxWait, int ahead, Consumer<List<Delivery>> arrived) {
                List<Delivery> got = broker.fetch(consumer, maxMessages, maxWait);
                if (!got.isEmpty()) {
                    arrived.accept(got);
                }
                return got.size();
            }

            @Override
            public void close(Consumer<List<Delivery>> unseen) {
            }
        };
    }
}
