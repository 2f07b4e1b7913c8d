package dev.agentkit.core.store;

import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.internal.store.StoreKeys;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Remembers which work items are done, so a redelivered item is acknowledged without running
 * its work again. The turn cycle checks it before {@code processWork} and marks an item only
 * after the work's effects are saved and announced.
 *
 * <p>Implementations: {@link InMemoryProcessedStore} (tests, one process), {@link
 * FileProcessedStore} (one machine, survives restarts), and a NATS KV store in agentkit-nats
 * (across processes and machines). Keys are opaque strings of any length; implementations encode
 * them as their storage needs ({@link StoreKeys}).
 *
 * <p><b>Retention.</b> Marks are forgotten after a retention, {@link #DEFAULT_RETENTION} unless
 * the store is made with another (zero keeps them for ever), so a long-running team's store does
 * not grow without end. Choose it longer than any message can be redelivered: at least the max
 * age of the streams the items come from (7 days in {@code Topology.workshopDefault()}); an item
 * redelivered after its mark is forgotten is processed again.
 */
public interface ProcessedStore {
    /**
     * How long the stores keep a mark unless told otherwise: 30 days, four times the default
     * streams' max age of 7 days, past which no message can be redelivered.
     */
    Duration DEFAULT_RETENTION = Duration.ofDays(30);

    /**
     * Whether {@code key} was marked processed (within the retention).
     *
     * @throws StoreException when the store cannot tell (stores on the broker throw a
     *         {@code BrokerException}); never answers "not processed" for a failed read
     */
    boolean isProcessed(String key);

    /** Marks {@code key} processed (again: the retention starts anew); marking twice is harmless. */
    void markProcessed(String key);

    /**
     * Which of {@code keys} are marked processed, as {@link #isProcessed} would answer for each.
     * The turn asks once for the items that arrived together, so a store on a server answers
     * them in one round trip instead of one per item. The default asks {@link #isProcessed} for
     * each key in turn.
     *
     * @throws StoreException as {@link #isProcessed} does: never leaves out a key it could not read
     */
    default Set<String> processedAmong(Collection<String> keys) {
        Set<String> marked = new LinkedHashSet<>();
        for (String key : keys) {
            if (isProcessed(key)) {
                marked.add(key);
            }
        }
        return marked;
    }

    /**
     * Starts marking {@code key} processed and returns at once: the future completes when the
     * mark is kept, or exceptionally (with what {@link #markProcessed} would have thrown) when it
     * cannot be. The turn acks a done item only after its mark completed, so several marks can
     * be on their way while the next items run. The default marks at once and returns a
     * completed (or failed) future.
     */
    default CompletableFuture<Void> markProcessedAsync(String key) {
        try {
            markProcessed(key);
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Runs {@code work} once per {@code key}: skips it when the key is already processed, and
     * marks the key only after {@code work} returned normally, so {@code work} must have saved
     * its effects by then. If {@code work} throws, the key stays unmarked and the exception
     * passes through. It does not keep two concurrent callers apart: the turn lease or a
     * {@code FileLock} does that.
     *
     * @return whether the work ran
     */
    default <E extends Exception> boolean processOnce(String key, Work<E> work) throws E {
        if (isProcessed(key)) {
            return false;
        }
        work.run();
        markProcessed(key);
        return true;
    }

    /**
     * {@link #processOnce(String, Work)} for code that settles its own deliveries (a custom drain
     * loop, a tool reading a stream): acks {@code delivery} when the work ran or had run before;
     * when the work throws, neither marks nor acks, so the caller can nak. Inside
     * {@code TurnBasedAgent.processWork} do not use it: the turn cycle already skips processed
     * items and settles every delivery.
     *
     * @return whether the work ran
     */
    default <E extends Exception> boolean processOnce(Delivery delivery, String key, Work<E> work) throws E {
        boolean ran = processOnce(key, work);
        delivery.ack();
        return ran;
    }

    /** The effectful work of {@link #processOnce(String, Work)}; may throw a checked exception. */
    @FunctionalInterface
    interface Work<E extends Exception> {
        void run() throws E;
    }
}
