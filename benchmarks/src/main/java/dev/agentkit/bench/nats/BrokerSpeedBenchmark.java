package dev.agentkit.bench.nats;

import dev.agentkit.bench.Alternation;
import dev.agentkit.bench.Benchmark;
import dev.agentkit.bench.Row;
import dev.agentkit.bench.Stats;
import dev.agentkit.core.broker.Broker;
import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.time.AgentClock;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.testing.broker.InMemoryBroker;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * B3: the {@link Broker} SPI's publish → fetch → ack cycle on {@link InMemoryBroker} and on
 * {@code JetStreamBroker} over loopback, alternated: publish a batch of 1 KiB JSON envelopes,
 * fetch them without waiting, ack each, for a fixed time per side. Target: the fake at least 20×
 * faster.
 */
public final class BrokerSpeedBenchmark implements Benchmark {
    private static final int BATCH = 100;
    private static final String AGENT = "speed";

    private final NatsBench nats;

    public BrokerSpeedBenchmark(NatsBench nats) {
        this.nats = nats;
    }

    @Override
    public Row run(boolean quick) throws Exception {
        int reps = quick ? 3 : 5;
        Duration slice = Duration.ofMillis(quick ? 1000 : 3000);
        // the fake keeps messages on the heap: its streams hold the workshop's 10,000, not a million
        Topology memTopology = Topology.builder().maxMessages(10_000).build();
        try (InMemoryBroker memory = new InMemoryBroker(AgentClock.system())) {
            memory.provision(memTopology, Map.of(AGENT, AGENT));
            nats.provision(AGENT, AGENT);
            ConsumerRef memRef = ConsumerRef.of(memTopology.consumersFor(AGENT, AGENT).work());
            ConsumerRef jsRef = ConsumerRef.of(nats.topology().consumersFor(AGENT, AGENT).work());
            String subject = memTopology.requirementSubject(AGENT);
            Envelope envelope = Envelope.of(NatsBench.BODY, Map.of());
            Alternation runs = Alternation.run(reps, () -> cycle(memory, memRef, subject, envelope, slice),
                    () -> cycle(nats.broker(), jsRef, subject, envelope, slice));
            nats.purgeWork();
            List<Double> mem = runs.a();
            List<Double> js = runs.b();
            List<Double> ratios = runs.ratios();
            double ratio = Stats.median(ratios);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("batch", BATCH);
            details.put("inMemoryMsgsPerSecond", mem);
            details.put("jetStreamMsgsPerSecond", js);
            details.put("ratios", ratios);
            return new Row("B3", "Broker SPI publish -> fetch -> ack, batches of " + BATCH
                    + ": InMemoryBroker vs JetStreamBroker", Stats.human(Stats.median(mem)) + " vs "
                    + Stats.human(Stats.median(js)) + " msgs/s", ratio, Stats.spreadPercent(ratios), ">= 20x faster",
                    ratio >= 20, details);
        }
    }

    /** Runs publish/fetch/ack cycles for {@code slice}; returns messages per second. */
    private static double cycle(Broker broker, ConsumerRef ref, String subject, Envelope envelope, Duration slice) {
        long start = System.nanoTime();
        long end = start + slice.toNanos();
        long moved = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < BATCH; i++) {
                broker.publish(subject, envelope);
            }
            int got = 0;
            while (got < BATCH) {
                List<Delivery> batch = broker.fetch(ref, BATCH - got, Duration.ZERO);
                if (batch.isEmpty()) {
                    throw new IllegalStateException(broker + " returned " + got + " of " + BATCH + " published messages");
                }
                batch.forEach(Delivery::ack);
                got += batch.size();
            }
            moved += got;
        }
        return moved / ((System.nanoTime() - start) / 1e9);
    }
}
