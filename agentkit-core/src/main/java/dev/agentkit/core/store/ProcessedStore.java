package dev.agentkit.core.store;

import dev.agentkit.core.broker.Delivery;

/**
 * Remembers which work items are done, so a redelivered item is acknowledged without running
 * its work again. The turn cycle checks it before {@code processWork} and marks an item only
 * after the work's effects are saved and announced.
 *
 * <p>Implementations: {@link InMemoryProcessedStore} (tests, one process), {@link
 * FileProcessedStore} (one machine, survives restarts), and a NATS KV store in agentkit-nats
 * (across processes and machines). Keys are opaque strings; implementations encode them as their
 * storage needs.
 */
public interface ProcessedStore {

    /** Whether {@code key} was marked processed. */
    boolean isProcessed(String key);

    /** Marks {@code key} processed; marking twice is harmless. */
    void markProcessed(String key);

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
