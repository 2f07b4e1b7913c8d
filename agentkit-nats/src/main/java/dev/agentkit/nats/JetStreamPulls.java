package dev.agentkit.nats;

import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.broker.Pulls;
import dev.agentkit.core.internal.broker.RetryPolicy;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.nats.internal.NatsFailures;
import io.nats.client.Connection;
import io.nats.client.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link JetStreamBroker}'s {@link Pulls}: each fetch is one pull request ({@link JetStreamPull})
 * whose messages are handed over as they come off the inbox, and a fetch told to ask ahead sends
 * the next pull as soon as the first of its own messages arrived, so the server answers it while
 * the caller works. The next fetch reads that answer instead of sending a pull; {@link #close}
 * hands over what it brought and the caller did not take. A transient failure (not connected, a
 * server lost, a consumer leader being elected) is retried while the fetch's wait lasts, as long
 * as nothing was handed over yet; it is then thrown as a transient {@link BrokerException}.
 */
final class JetStreamPulls implements Pulls {
    private static final Logger log = LoggerFactory.getLogger(JetStreamPulls.class);
    /**
     * A fetch that failed transiently is tried again after a pause while its wait lasts; quiet,
     * as the turn's own retry of a fetch logs what matters.
     */
    private static final RetryPolicy FETCH_RETRY = RetryPolicy.of(Duration.ZERO, Duration.ofMillis(200))
            .loggingTo(log).quiet();

    private final Connection connection;
    private final ConsumerRef ref;
    private final Supplier<String> pullSubject;
    private final Runnable forgetConsumer;
    private final BooleanSupplier leaderless;
    /** The pull sent ahead, whose answer the next fetch reads; null if none. */
    private JetStreamPull.Pending ahead;

    /**
     * The pulls of {@code ref} over {@code connection}: {@code pullSubject} looks its pull subject
     * up, {@code forgetConsumer} drops that look-up after the server broke a pull off, and
     * {@code leaderless} tells whether the consumer has no leader now (an empty answer is then a
     * failover, not an empty queue).
     */
    JetStreamPulls(Connection connection, ConsumerRef ref, Supplier<String> pullSubject, Runnable forgetConsumer,
                   BooleanSupplier leaderless) {
        this.connection = connection;
        this.ref = ref;
        this.pullSubject = pullSubject;
        this.forgetConsumer = forgetConsumer;
        this.leaderless = leaderless;
    }

    @Override
    public int fetch(int maxMessages, Duration maxWait, int aheadMax, Consumer<List<Delivery>> arrived) {
        if (maxMessages < 1) {
            throw new IllegalArgumentException("maxMessages must be positive, was " + maxMessages);
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must not be negative, was " + maxWait);
        }
        int[] handed = {0};
        Consumer<List<Message>> counted = chunk -> {
            handed[0] += chunk.size();
            arrived.accept(deliveries(chunk));
        };
        // a lost server or a leader election on a cluster: tried again within the caller's wait,
        // unless part of the answer was handed over already
        return FETCH_RETRY.withBound(maxWait).retryIf(e -> handed[0] == 0 && RetryPolicy.isTransientBrokerFailure(e))
                .run(AgentClock.system(), "fetch from " + ref,
                        (attempt, left) -> fetchOnce(maxMessages, attempt == 1 ? maxWait : left, aheadMax, counted));
    }

    private int fetchOnce(int maxMessages, Duration maxWait, int aheadMax, Consumer<List<Message>> arrived) {
        JetStreamPull.Pending pull = ahead;
        ahead = null;
        int pulled;
        try {
            if (pull == null) {
                pull = JetStreamPull.send(connected(), pullSubject.get(), maxMessages, maxWait, ref.toString());
            }
            pulled = JetStreamPull.read(pull, arrived, () -> askAhead(aheadMax));
        } catch (BrokerException e) {
            // the server broke off the pull (a deleted consumer, say): look the consumer up again next time
            forgetConsumer.run();
            throw e;
        } catch (InterruptedException | IllegalStateException e) {
            throw NatsFailures.wrap("fetch from " + ref, e);
        }
        if (pulled == 0 && leaderless.getAsBoolean()) {
            throw new BrokerException("fetch from " + ref + ": the consumer has no leader now (a failover on the"
                    + " cluster); its messages wait for the new leader", true);
        }
        return pulled;
    }

    /**
     * Sends the next pull, of up to {@code max}, while the current one is read; a failure to send
     * it only means no pull is on its way (the next fetch sends its own), never the loss of the
     * messages the current pull brought.
     */
    private void askAhead(int max) {
        if (max <= 0) {
            return;
        }
        try {
            ahead = JetStreamPull.send(connection, pullSubject.get(), max, Duration.ZERO, ref.toString());
        } catch (RuntimeException e) {
            log.debug("could not ask {} for its next messages ahead: {}", ref, e.toString());
        }
    }

    private Connection connected() {
        if (connection.getStatus() != Connection.Status.CONNECTED) {
            // a pull sent now would be buffered and answered after the reconnect into a fetch that
            // has given up: the messages would burn a delivery attempt each
            throw new BrokerException("fetch from " + ref + ": not connected to NATS (" + connection.getStatus() + ")",
                    true);
        }
        return connection;
    }

    @Override
    public void close(Consumer<List<Delivery>> unseen) {
        JetStreamPull.Pending pull = ahead;
        ahead = null;
        if (pull == null) {
            return;
        }
        try {
            JetStreamPull.read(pull, chunk -> unseen.accept(deliveries(chunk)), () -> { });
        } catch (BrokerException | IllegalStateException e) {
            log.debug("the pull of {} sent ahead ended in a failure; its messages come back after their ack wait: {}",
                    ref, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<Delivery> deliveries(List<Message> chunk) {
        List<Delivery> got = new ArrayList<>(chunk.size());
        for (Message m : chunk) {
            got.add(new JetStreamDelivery(m));
        }
        return got;
    }
}
