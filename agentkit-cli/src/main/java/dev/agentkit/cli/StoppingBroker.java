package dev.agentkit.cli;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.broker.ForwardingBroker;
import dev.agentkit.core.broker.Pulls;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The broker {@code agentkit up}'s agents see: the team's broker, except that once
 * {@link #stop()} is called a fetch returns nothing. A turn running at a SIGTERM then finishes
 * the item in hand (its work, commit, announcement and ack go through as usual), finds its queue
 * "empty" and ends, so shutting down never leaves an item half-settled, and nothing fetched after
 * the signal burns a delivery attempt. Everything else is passed through (max payload and
 * reading a stored message back too, which a retry or an approval needs).
 */
public final class StoppingBroker extends ForwardingBroker {
    private volatile boolean stopped;

    public StoppingBroker(Broker delegate) {
        super(delegate);
    }

    /** From now on, fetches return nothing. */
    public void stop() {
        stopped = true;
    }

    @Override
    public List<Delivery> fetch(ConsumerRef consumer, int maxMessages, Duration maxWait) {
        return stopped ? List.of() : delegate.fetch(consumer, maxMessages, maxWait);
    }

    /** The delegate's pulls, which fetch nothing once stopped (what they asked ahead is still handed over). */
    @Override
    public Pulls pulls(ConsumerRef consumer) {
        Pulls pulls = delegate.pulls(consumer);
        return new Pulls() {
            @Override
            public int fetch(int maxMessages, Duration maxWait, int ahead, Consumer<List<Delivery>> arrived) {
                return stopped ? 0 : pulls.fetch(maxMessages, maxWait, ahead, arrived);
            }

            @Override
            public void close(Consumer<List<Delivery>> unseen) {
                pulls.close(unseen);
            }
        };
    }

    /** Does nothing: the team's connection is closed by whoever opened it. */
    @Override
    public void close() {
    }
}
