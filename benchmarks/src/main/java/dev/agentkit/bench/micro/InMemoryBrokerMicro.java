package dev.agentkit.bench.micro;

import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.topology.ConsumerSpec;
import dev.agentkit.core.topology.StreamSpec;
import dev.agentkit.testing.VirtualClock;
import dev.agentkit.testing.broker.InMemoryBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** JMH: the in-memory broker's publish → fetch → ack cycle, one message per operation. */
@State(Scope.Thread)
public class InMemoryBrokerMicro {
    private InMemoryBroker broker;
    private ConsumerRef consumer;
    private Envelope envelope;

    @Setup
    public void setUp() {
        broker = new InMemoryBroker(new VirtualClock());
        broker.ensureStream(StreamSpec.of("BENCH", "bench.>").withLimits(1000, Duration.ZERO));
        ConsumerSpec spec = ConsumerSpec.of("BENCH", "bench");
        broker.ensureConsumer(spec);
        consumer = ConsumerRef.of(spec);
        envelope = Envelope.ofJson(Map.of("id", "REQ-1", "payload", "x".repeat(1000)));
    }

    @Benchmark
    public Delivery publishFetchAck() {
        broker.publish("bench.work", envelope);
        List<Delivery> got = broker.fetch(consumer, 1, Duration.ZERO);
        Delivery d = got.get(0);
        d.ack();
        return d;
    }
}
