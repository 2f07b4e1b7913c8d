package dev.agentkit.bench.nats;

import dev.agentkit.bench.Benchmark;
import dev.agentkit.bench.Row;
import dev.agentkit.bench.Stats;
import dev.agentkit.core.topology.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * B1: drains a backlog of 1 KiB JSON messages through {@link DrainAgent} turns and, alternately,
 * through a raw jnats fetch/ack loop ({@link RawDrain}) on the same server with the same batch
 * size; reports both rates and their ratio. Where the natscli is installed it adds
 * {@code nats bench js fetch} on the same server as the ceiling. Target: agentkit at least 0.90
 * of raw.
 */
public final class DrainBenchmark implements Benchmark {
    static final int BATCH = 100;
    private static final String AGENT = "drainer";
    private static final String ROLE = "drain";
    private static final String RAW = "rawdrain";
    private static final Duration LIMIT = Duration.ofMinutes(2);

    private final NatsBench nats;

    public DrainBenchmark(NatsBench nats) {
        this.nats = nats;
    }

    @Override
    public Row run(boolean quick) throws Exception {
        int n = quick ? 20_000 : 100_000;
        int reps = quick ? 3 : 5;
        nats.provision(AGENT, ROLE);
        nats.provision(RAW, RAW);
        Topology t = nats.topology();
        DrainAgent agent = new DrainAgent(AGENT, ROLE, 10_000, BATCH, nats.runtime());
        RawDrain raw = new RawDrain(nats.connection(), Topology.REQUIREMENTS, RAW, BATCH);
        timeAgent(agent, t, n);  // warm-up (JIT), discarded
        timeRaw(raw, t, n);
        List<Double> agentRates = new ArrayList<>();
        List<Double> rawRates = new ArrayList<>();
        for (int rep = 0; rep < reps; rep++) {
            if (rep % 2 == 0) {
                agentRates.add(n / timeAgent(agent, t, n));
                rawRates.add(n / timeRaw(raw, t, n));
            } else {
                rawRates.add(n / timeRaw(raw, t, n));
                agentRates.add(n / timeAgent(agent, t, n));
            }
        }
        List<Double> ratios = Stats.ratios(agentRates, rawRates);
        double ratio = Stats.median(ratios);
        Optional<Double> ceiling = NatsCliCeiling.measure(nats.url(), n, BATCH);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("messages", n);
        details.put("batch", BATCH);
        details.put("agentMsgsPerSecond", agentRates);
        details.put("rawMsgsPerSecond", rawRates);
        details.put("ratios", ratios);
        details.put("agentConfig", "TurnBudget.items(10000), fetchBatch(" + BATCH + "), in-memory ProcessedStore");
        ceiling.ifPresent(c -> details.put("natsBenchJsFetchMsgsPerSecond", c));
        String figure = Stats.human(Stats.median(agentRates)) + " vs " + Stats.human(Stats.median(rawRates)) + " msgs/s"
                + ceiling.map(c -> " (nats bench " + Stats.human(c) + ")").orElse("");
        return new Row("B1", "drain " + n / 1000 + "k 1 KiB msgs: turns (items(10k), fetchBatch " + BATCH
                + ", mem store) vs raw jnats fetch/ack", figure, ratio, Stats.spreadPercent(ratios),
                ">= 0.90 of raw", ratio >= 0.90, details);
    }

    private double timeAgent(DrainAgent agent, Topology t, int n) throws Exception {
        return timeDrain(t.requirementSubject(ROLE), n, () -> agent.drain(n, LIMIT));
    }

    private double timeRaw(RawDrain raw, Topology t, int n) throws Exception {
        return timeDrain(t.requirementSubject(RAW), n, () -> raw.drain(n, LIMIT));
    }

    /** Publishes {@code n} messages to {@code subject}, times {@code drain}, then purges; seconds. */
    private double timeDrain(String subject, int n, Drain drain) throws Exception {
        nats.publish(subject, n);
        long start = System.nanoTime();
        drain.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        nats.purgeWork();
        return seconds;
    }

    /** One side's drain. */
    @FunctionalInterface
    private interface Drain {
        void run() throws Exception;
    }
}
