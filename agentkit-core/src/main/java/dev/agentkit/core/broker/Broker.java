package dev.agentkit.core.broker;

import dev.agentkit.core.internal.broker.PayloadSize;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.topology.ConsumerSpec;
import dev.agentkit.core.topology.StreamSpec;
import dev.agentkit.core.topology.Topology;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The message broker an agent team works through, with JetStream's semantics: streams that keep
 * messages, durable pull consumers with explicit acks, delayed redelivery, delivery limits and
 * de-duplication by message id.
 *
 * <p>Implemented by {@code JetStreamBroker} (agentkit-nats) and {@code InMemoryBroker}
 * (agentkit-testing); both pass the {@code BrokerContract} suite. Called by
 * {@code TurnBasedAgent}, {@code QueueDrainer} and provisioning code. Implementations are
 * thread-safe; failures are {@link BrokerException}s.
 */
public interface Broker extends AutoCloseable {
    /** NATS' default max payload, 1 MiB: what {@link #maxPayload()} answers unless the server says otherwise. */
    long DEFAULT_MAX_PAYLOAD = 1024 * 1024;

    /**
     * Creates the stream, or updates it to match {@code spec}; does nothing when it already
     * matches.
     *
     * @throws TopologyConflictException when an existing stream differs in a way that cannot be
     *                                    updated (retention) or its subjects overlap another's
     */
    void ensureStream(StreamSpec spec);

    /** Creates the durable consumer, or updates it to match {@code spec}. Idempotent. */
    void ensureConsumer(ConsumerSpec spec);

    /** Ensures every stream of the topology and the consumers of each named agent (name → role). */
    default void provision(Topology topology, Map<String, String> agentRoles) {
        topology.streams().forEach(this::ensureStream);
        agentRoles.forEach((agent, role) -> topology.consumersFor(agent, role).all().forEach(this::ensureConsumer));
    }

    /** Publishes to the stream that captures {@code subject}; fails if none does. */
    PublishResult publish(String subject, Envelope envelope);

    /**
     * Fetches up to {@code maxMessages} deliveries for the durable consumer. Returns as soon as at
     * least one is available, or empty once {@code maxWait} has passed; {@link Duration#ZERO}
     * returns at once with what is already there. Never returns {@code null} and never blocks
     * longer than {@code maxWait} plus a small network allowance.
     */
    List<Delivery> fetch(ConsumerRef consumer, int maxMessages, Duration maxWait);

    /**
     * The fetches of one caller from {@code consumer}, where the next pull may be asked for
     * while the caller works on the last (see {@link Pulls}). The turn pulls its work this way.
     * The default never asks ahead ({@link Pulls#oneAtATime}); {@code JetStreamBroker} does, and
     * hands deliveries over as they arrive.
     */
    default Pulls pulls(ConsumerRef consumer) {
        return Pulls.oneAtATime(this, consumer);
    }

    /**
     * The largest message the server accepts, in bytes, body and headers together (see
     * {@link PayloadSize#of}); a bigger {@link #publish} fails with a permanent
     * {@link BrokerException}. The turn cycle cuts dead letters to fit it. {@code JetStreamBroker}
     * reads it from the server it is connected to ({@code max_payload}); the default is
     * {@link #DEFAULT_MAX_PAYLOAD}.
     */
    default long maxPayload() {
        return DEFAULT_MAX_PAYLOAD;
    }

    /**
     * The message stored at {@code sequence} in {@code stream}, or empty when the stream no
     * longer holds it (its limits or age removed it). Oversight reads dead letters back with it
     * ({@code retry}, {@code reassign}). This default cannot read stored messages and fails
     * with a permanent {@link BrokerException}.
     */
    default Optional<Envelope> envelopeAt(String stream, long sequence) {
        throw new BrokerException(getClass().getSimpleName() + " cannot read stored messages (stream " + stream
                + ", sequence " + sequence + ")", false);
    }

    /** A consumer's counts: messages not yet delivered and deliveries awaiting an ack. */
    ConsumerStatus status(ConsumerRef consumer);

    /** Releases connections and threads. Deliveries fetched before are no longer usable. */
    @Override
    void close();

}
