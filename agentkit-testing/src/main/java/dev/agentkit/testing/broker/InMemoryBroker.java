package dev.agentkit.testing.broker;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.broker.BrokerException;
import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.ConsumerStatus;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.broker.PublishResult;
import dev.agentkit.core.internal.broker.PayloadSize;
import dev.agentkit.core.internal.topology.Subjects;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.core.topology.ConsumerSpec;
import dev.agentkit.core.topology.StreamSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link Broker} in memory with JetStream's semantics, for users' unit tests and ours: streams
 * with wildcard subjects (overlaps refused), limits and work-queue retention, durable pull
 * consumers with filters, explicit acks, ack-wait redelivery, nak with delay, term, in-progress,
 * max deliveries, max ack pending, and de-duplication by message id. Time comes from an
 * {@link AgentClock}, normally the {@code VirtualClock}, so a five-minute nak delay is crossed
 * by advancing the clock; a fetch's wait lets virtual time pass itself, to the instant a message
 * is there or the wait ends, so it never hangs. It passes the same {@code BrokerContract} as the
 * real broker.
 *
 * <p>It also keeps a journal of what was published and how each delivery was settled, which
 * {@code AgentTestKit} turns into assertions; it is bounded to the newest {@link #JOURNAL_LIMIT}
 * entries of each kind. Interest retention is kept like limits retention.
 *
 * <p>{@link #faults()} scripts failures (a failed publish, fetch or ack, a lost ack, the broker
 * going down and coming back), so users can test how their agents meet them.
 */
public final class InMemoryBroker implements Broker {
    /** How a delivery was settled. */
    public enum Action { ACK, NAK, TERM, IN_PROGRESS }

    /** One settlement in the journal; {@code delay} is a nak's delay, zero for the other actions. */
    public record Settlement(String stream, String durable, long sequence, String subject, Envelope envelope,
                             Action action, int deliveryCount, Instant at, Duration delay) {
    }

    /** One publish in the journal. */
    public record Published(String subject, Envelope envelope, PublishResult result, Instant at) {
    }

    /** The journal keeps the newest this many publishes and as many settlements. */
    public static final int JOURNAL_LIMIT = 100_000;

    private final AgentClock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final FetchWait waits;
    private final Map<String, MemoryStream> streams = new LinkedHashMap<>();
    private final Map<ConsumerRef, MemoryConsumer> consumers = new LinkedHashMap<>();
    private final BrokerJournal journal = new BrokerJournal();
    private final List<String> exhausted = new ArrayList<>();
    private final BrokerFaults faults = new BrokerFaults();
    private volatile boolean closed;
    private volatile long maxPayload = DEFAULT_MAX_PAYLOAD;

    /** A broker timed by {@code clock}. */
    public InMemoryBroker(AgentClock clock) {
        this.clock = clock;
        this.waits = new FetchWait(clock, lock);
    }

    /** The clock that times this broker. */
    public AgentClock clock() {
        return clock;
    }

    /** The scripted failures of this broker: see {@link BrokerFaults}. */
    public BrokerFaults faults() {
        return faults;
    }

    @Override
    public void ensureStream(StreamSpec spec) {
        faults.hit(BrokerFaults.Operation.PROVISION, "ensureStream " + spec.name(), null, null).before();
        locked(() -> {
            new StreamRules(streams).check(spec);
            streams.computeIfAbsent(spec.name(), name -> new MemoryStream(spec)).spec = spec;
            return null;
        });
    }

    @Override
    public void ensureConsumer(ConsumerSpec spec) {
        faults.hit(BrokerFaults.Operation.PROVISION, "ensureConsumer " + spec.durable(), null, null).before();
        locked(() -> {
            MemoryStream stream = stream(spec.stream());
            ConsumerRef ref = ConsumerRef.of(spec);
            new StreamRules(streams).checkConsumer(spec, stream, consumers);
            consumers.computeIfAbsent(ref, r -> new MemoryConsumer(spec, stream)).spec = spec;
            return null;
        });
    }

    /** Sets the max payload its publishes enforce, as a server's {@code max_payload} does; 1 MiB by default. */
    public void maxPayload(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("max payload must be positive, was " + bytes);
        }
        this.maxPayload = bytes;
    }

    @Override
    public long maxPayload() {
        return maxPayload;
    }

    @Override
    public Optional<Envelope> envelopeAt(String stream, long sequence) {
        return locked(() -> Optional.ofNullable(current(stream).get(sequence)).map(StoredMessage::envelope));
    }

    @Override
    public PublishResult publish(String subject, Envelope envelope) {
        Subjects.requireValid("publish subject", subject);
        if (subject.contains("*") || subject.contains(">")) {
            throw new IllegalArgumentException("cannot publish to a wildcard subject: " + subject);
        }
        long size = PayloadSize.of(envelope);
        if (size > maxPayload) {
            throw new BrokerException("publish to " + subject + ": message of " + size
                    + " bytes exceeds the server's max payload of " + maxPayload, false);
        }
        return locked(() -> {
            BrokerFaults.Hit hit = faults.hit(BrokerFaults.Operation.PUBLISH, "publish to " + subject, subject, null);
            hit.before();
            MemoryStream target = streams.values().stream()
                    .filter(s -> s.spec.subjects().stream().anyMatch(p -> Subjects.matches(p, subject)))
                    .findFirst()
                    .orElseThrow(() -> new BrokerException("no stream captures subject " + subject, false));
            Instant now = clock.now();
            PublishResult result = target.append(subject, envelope, now);
            journal.published(new Published(subject, envelope, result, now));
            waits.signal();
            hit.after();
            return result;
        });
    }

    @Override
    public List<Delivery> fetch(ConsumerRef ref, int maxMessages, Duration maxWait) {
        if (maxMessages < 1) {
            throw new IllegalArgumentException("maxMessages must be positive, was " + maxMessages);
        }
        BrokerFaults.Hit hit = faults.hit(BrokerFaults.Operation.FETCH, "fetch from " + ref, null, ref);
        hit.before();
        FetchWait.Deadline wait = waits.start(maxWait);
        lock.lock();
        try {
            MemoryConsumer consumer = consumer(ref);
            while (true) {
                requireOpen();
                consumer.stream.expire(clock.now());
                List<Long> spent = new ArrayList<>();
                List<MemoryConsumer.Taken> taken = consumer.take(maxMessages, clock.now(), spent);
                spent.forEach(seq -> exhausted.add(ref + ":" + seq));
                if (!taken.isEmpty() || !wait.awaitMore(consumer.nextDue())) {
                    hit.after();
                    return taken.stream().map(t -> (Delivery) new MemoryDelivery(this, consumer, t)).toList();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerException("interrupted while fetching from " + ref, true, e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public ConsumerStatus status(ConsumerRef ref) {
        faults.hit(BrokerFaults.Operation.STATUS, "status of " + ref, null, ref).before();
        return locked(() -> {
            MemoryConsumer c = consumer(ref);
            c.stream.expire(clock.now());
            List<Long> spent = new ArrayList<>();
            c.sweep(clock.now(), spent);
            spent.forEach(seq -> exhausted.add(ref + ":" + seq));
            return new ConsumerStatus(c.undelivered(), c.ackPending());
        });
    }

    @Override
    public void close() {
        closed = true;
        locked(() -> {
            waits.signal();
            return null;
        });
    }

    void settle(MemoryDelivery d, Action action, Duration delay) {
        BrokerFaults.Hit hit = faults.hit(BrokerFaults.Operation.valueOf(action.name()),
                action.name().toLowerCase(Locale.ROOT) + " of " + d, d.subject(), d.consumerRef());
        hit.before();
        if (hit.dropped()) {
            return;
        }
        locked(() -> {
            requireOpen();
            MemoryConsumer c = d.consumer();
            Instant now = clock.now();
            switch (action) {
                case ACK -> c.ack(d.streamSequence());
                case TERM -> c.term(d.streamSequence());
                case NAK -> c.nak(d.streamSequence(), d.generation(), now.plus(delay));
                case IN_PROGRESS -> c.inProgress(d.streamSequence(), d.generation(), now);
                default -> throw new IllegalStateException("unknown action " + action);
            }
            journal.settled(new Settlement(d.stream(), c.spec.durable(), d.streamSequence(), d.subject(),
                    d.envelope(), action, d.deliveryCount(), now, action == Action.NAK ? delay : Duration.ZERO));
            waits.signal();
            return null;
        });
        hit.after();
    }

    /** Everything published so far, oldest first. */
    public List<Published> published() {
        return journal.published();
    }

    /** Every settlement so far (acks, naks, terms, in-progress marks), oldest first. */
    public List<Settlement> settlements() {
        return journal.settlements();
    }

    /**
     * What each consumer has waiting, as {@link #status} says it, without meeting a scripted fault
     * or a broker that is down: for diagnostics ({@code AgentTestKit.diagnostics()}).
     */
    public Map<ConsumerRef, ConsumerStatus> consumerStatuses() {
        Map<ConsumerRef, ConsumerStatus> out = new LinkedHashMap<>();
        return locked(() -> {
            consumers.forEach((ref, c) -> out.put(ref, new ConsumerStatus(c.undelivered(), c.ackPending())));
            return out;
        });
    }

    /** Messages that ran out of deliveries without being settled, as {@code stream/durable:sequence}. */
    public List<String> exhaustedDeliveries() {
        return locked(() -> List.copyOf(exhausted));
    }

    /** The messages a stream holds now, oldest first. */
    public List<Envelope> messages(String stream) {
        return locked(() -> current(stream).after(0).values().stream().map(StoredMessage::envelope).toList());
    }

    private MemoryStream stream(String name) {
        return Optional.ofNullable(streams.get(name))
                .orElseThrow(() -> new BrokerException("stream " + name + " does not exist", false));
    }

    private MemoryStream current(String name) {
        MemoryStream s = stream(name);
        s.expire(clock.now());
        return s;
    }

    private MemoryConsumer consumer(ConsumerRef ref) {
        return Optional.ofNullable(consumers.get(ref))
                .orElseThrow(() -> new BrokerException("consumer " + ref + " does not exist", false));
    }

    private void requireOpen() {
        if (closed) {
            throw new BrokerException("broker is closed", false);
        }
    }

    private <T> T locked(java.util.function.Supplier<T> body) {
        try {
            if (!lock.tryLock(10, TimeUnit.SECONDS)) {
                throw new BrokerException("in-memory broker lock not acquired within 10 s", true);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerException("interrupted", true, e);
        }
        try {
            return body.get();
        } finally {
            lock.unlock();
        }
    }
}
