package dev.agentkit.testing.broker;

import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.core.topology.ConsumerSpec;
import dev.agentkit.core.topology.StreamSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What the broker contract suites need from an implementation, and the helpers they share:
 * unique names per test, streams and consumers made on the spot, and draining a consumer.
 * Extend {@link BrokerContract}, not this class.
 */
public abstract class BrokerContractSupport {
    /** Unique per test instance (JUnit makes one per test), so tests can share one server. */
    protected final String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    /** The broker under test. May be the same instance for every test of the class. */
    protected abstract Broker broker();

    /**
     * Lets {@code d} of broker time pass: the in-memory suite advances its virtual clock; a
     * real-server suite waits that long in real time.
     */
    protected abstract void elapse(Duration d);

    /**
     * The clock the broker under test keeps time by, on which the suite schedules what happens
     * while a fetch waits: an {@link InMemoryBroker}'s own clock, otherwise the system clock (a
     * real server). Override it for another broker on a virtual clock.
     */
    protected AgentClock clock() {
        return broker() instanceof InMemoryBroker memory ? memory.clock() : AgentClock.system();
    }

    /**
     * How long a fetch may wait for a redelivery that is due now: zero on a virtual clock, a
     * second or so on a real server, whose timers are not exact.
     */
    protected Duration margin() {
        return Duration.ZERO;
    }

    /** The deliveries available once {@code time} has passed (elapses, then fetches within the margin). */
    protected List<Delivery> fetchAfter(ConsumerRef ref, int max, Duration time) {
        elapse(time);
        return broker().fetch(ref, max, margin());
    }

    /** A unique stream, consumer or durable name. */
    protected String name(String prefix) {
        return prefix + "_" + unique;
    }

    /** A subject under this test's own root. */
    protected String subject(String last) {
        return "t" + unique + "." + last;
    }

    /** Every subject under this test's own root. */
    protected String subjectPattern() {
        return "t" + unique + ".>";
    }

    /**
     * The spec the suite actually ensures for {@code spec}: unchanged here; a cluster suite
     * overrides it to ask for more replicas ({@code spec.withReplicas(3)}).
     */
    protected StreamSpec adapt(StreamSpec spec) {
        return spec;
    }

    /** Ensures {@link #adapt(StreamSpec) adapt(spec)} on the broker under test. */
    protected void ensureStream(StreamSpec spec) {
        broker().ensureStream(adapt(spec));
    }

    /** Ensures a limits stream with these subjects; returns its name. */
    protected String streamOf(String... subjects) {
        String name = name("S");
        ensureStream(StreamSpec.of(name, subjects));
        return name;
    }

    /** Ensures the consumer; returns its reference. */
    protected ConsumerRef consumer(ConsumerSpec spec) {
        broker().ensureConsumer(spec);
        return ConsumerRef.of(spec);
    }

    /** A stream on {@link #subjectPattern()} with one consumer of all its subjects. */
    protected ConsumerRef streamWithConsumer() {
        return streamWithConsumer(ConsumerSpec.DEFAULT_ACK_WAIT, ConsumerSpec.DEFAULT_MAX_DELIVER);
    }

    /** A stream on {@link #subjectPattern()} with one consumer with this ack wait and delivery limit. */
    protected ConsumerRef streamWithConsumer(Duration ackWait, int maxDeliver) {
        String stream = streamOf(subjectPattern());
        return consumer(ConsumerSpec.of(stream, name("c")).withAckWait(ackWait).withMaxDeliver(maxDeliver));
    }

    /** Fetches without waiting until the consumer has nothing more; nothing is acked. */
    protected List<Delivery> fetchAll(ConsumerRef ref) {
        List<Delivery> all = new ArrayList<>();
        for (int round = 0; round < 1000; round++) {
            List<Delivery> batch = broker().fetch(ref, 100, Duration.ZERO);
            if (batch.isEmpty()) {
                return all;
            }
            all.addAll(batch);
        }
        throw new IllegalStateException("consumer " + ref + " never ran dry");
    }
}
