package dev.agentkit.nats.deadletter;

import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.oversight.DeadLetter;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.core.topology.ConsumerSpec;
import dev.agentkit.core.topology.StreamSpec;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.nats.JetStreamBroker;
import dev.agentkit.nats.StoredMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dead-letters work whose agent died on its last delivery and never settled it, so nothing is
 * lost silently. The turn cycle dead-letters what it gives up itself (rejects, poison, the last
 * delivery failing); a process that crashes mid-item cannot. JetStream then publishes a
 * max-deliveries advisory, which a stream provisioned here keeps durably; {@link #drain()} turns
 * each advisory into a dead letter on {@code work.deadletter.<agent>} with the original message
 * (read back by its stream sequence) and the same headers and message id as the turn's own dead
 * letters, so an item dead-lettered by both paths is stored once.
 *
 * <pre>{@code
 * MaxDeliveriesWatcher watcher = new MaxDeliveriesWatcher(broker, topology);
 * watcher.provision();                       // with the topology, once per deployment
 * AgentClock.Timer t = watcher.drainEvery(AgentClock.system(), Duration.ofMinutes(1));
 * }</pre>
 *
 * Used by applications next to their agents' turns: any one process may drain; the advisories
 * are shared through one durable consumer, so each is handled once.
 */
public final class MaxDeliveriesWatcher {
    /** The stream that keeps the advisories when none is named. */
    public static final String DEFAULT_STREAM = "AGENTKIT_MAX_DELIVERIES";
    /** The durable consumer that drains it. */
    public static final String DURABLE = "deadletter_watcher";
    /** The reason stated on these dead letters. */
    public static final String REASON = "max deliveries reached without a settle";
    /** JetStream's subject prefix for the advisory, followed by {@code <stream>.<consumer>}. */
    public static final String ADVISORY_PREFIX = "$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.";

    private static final Logger log = LoggerFactory.getLogger(MaxDeliveriesWatcher.class);
    private static final int BATCH = 50;
    private static final int MAX_PER_DRAIN = 1000;
    private static final Duration RETRY_DELAY = Duration.ofSeconds(30);

    private final JetStreamBroker broker;
    private final Topology topology;
    private final StreamSpec streamSpec;
    private final ConsumerRef consumer;

    /** A watcher of the topology's streams (all but the dead-letter stream) keeping advisories in {@value #DEFAULT_STREAM}. */
    public MaxDeliveriesWatcher(JetStreamBroker broker, Topology topology) {
        this(broker, topology, DEFAULT_STREAM);
    }

    /** As above, keeping the advisories in {@code streamName}. */
    public MaxDeliveriesWatcher(JetStreamBroker broker, Topology topology, String streamName) {
        this.broker = broker;
        this.topology = topology;
        List<String> subjects = topology.streams().stream()
                .map(StreamSpec::name)
                .filter(name -> !name.equals(Topology.DEAD_LETTER))
                .map(name -> ADVISORY_PREFIX + name + ".*")
                .toList();
        this.streamSpec = StreamSpec.of(streamName, subjects.toArray(String[]::new))
                .withLimits(10_000, Duration.ofDays(7));
        this.consumer = new ConsumerRef(streamName, DURABLE);
    }

    /** The advisory stream this watcher needs. */
    public StreamSpec streamSpec() {
        return streamSpec;
    }

    /** Ensures the advisory stream and the watcher's durable consumer; idempotent. */
    public void provision() {
        broker.ensureStream(streamSpec);
        broker.ensureConsumer(ConsumerSpec.of(streamSpec.name(), DURABLE).withMaxDeliver(-1)
                .withAckWait(Duration.ofMinutes(1)));
    }

    /**
     * Dead-letters every advisory waiting now and returns how many dead letters it published
     * (duplicates of letters already sent included). Never waits for new advisories; an
     * advisory whose dead letter cannot be published is retried on a later drain.
     */
    public int drain() {
        int sent = 0;
        int seen = 0;
        while (seen < MAX_PER_DRAIN) {
            List<Delivery> batch = broker.fetch(consumer, BATCH, Duration.ZERO);
            if (batch.isEmpty()) {
                break;
            }
            seen += batch.size();
            for (Delivery d : batch) {
                sent += handle(d) ? 1 : 0;
            }
        }
        return sent;
    }

    /** Drains every {@code period} on {@code clock} until the timer is cancelled; failures are logged. */
    public AgentClock.Timer drainEvery(AgentClock clock, Duration period) {
        return clock.scheduleRepeating(period, () -> {
            try {
                drain();
            } catch (BrokerException e) {
                log.warn("could not drain max-deliveries advisories from {}: {}", streamSpec.name(), e.getMessage());
            }
        });
    }

    /** The same dead letter the turn cycle writes (cut to fit the server), so the two paths store one letter per item. */
    private Envelope letter(Envelope original, String subject, MaxDeliveryAdvisory a, String reason) {
        return DeadLetter.of(original, subject, a.stream(), a.streamSequence(), (int) a.deliveries(), a.consumer(),
                DeadLetter.Kind.MAX_DELIVERIES, reason, "no settle: the process ended or lost the message")
                .toEnvelope(broker.maxPayload());
    }

    private boolean handle(Delivery d) {
        Optional<MaxDeliveryAdvisory> parsed = MaxDeliveryAdvisory.parse(d.envelope());
        if (parsed.isEmpty()) {
            log.warn("ignoring a message on {} that is not a max-deliveries advisory: {}", d.subject(), d.envelope().preview());
            d.term("not a max-deliveries advisory");
            return false;
        }
        MaxDeliveryAdvisory a = parsed.get();
        try {
            Optional<StoredMessage> original = broker.readMessage(a.stream(), a.streamSequence());
            Envelope letter = original
                    .map(m -> letter(m.envelope(), m.subject(), a, REASON))
                    .orElseGet(() -> letter(Envelope.of(new byte[0], Map.of()), "unknown", a,
                            REASON + "; the original is no longer in the stream"));
            broker.publish(topology.deadLetterSubject(a.consumer()), letter);
            d.ack();
            log.warn("dead-lettered {}:{} of {} after {} deliveries: {}", a.stream(), a.streamSequence(), a.consumer(),
                    a.deliveries(), REASON);
            return true;
        } catch (BrokerException e) {
            log.warn("could not dead-letter {}:{} of {} yet: {}", a.stream(), a.streamSequence(), a.consumer(), e.getMessage());
            d.nak(RETRY_DELAY);
            return false;
        }
    }
}
