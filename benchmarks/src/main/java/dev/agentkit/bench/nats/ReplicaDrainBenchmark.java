package dev.agentkit.bench.nats;

import dev.agentkit.bench.Alternation;
import dev.agentkit.bench.Benchmark;
import dev.agentkit.bench.Row;
import dev.agentkit.bench.Stats;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.testing.nats.NatsCluster;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * B7: B1's drain through {@link DrainAgent} turns on a 3-node {@link NatsCluster} on loopback,
 * with the workshop topology's streams at three replicas and, alternately, at one; reports both
 * rates and their ratio R3 / R1. The stream names are fixed, so each drain deletes the streams
 * and creates them afresh with its replica count (consumers follow their stream's), and gets a
 * new agent with in-memory stores, as B1's. B1's count, batch and turn budget on both sides, one
 * discarded warm-up drain of each. The cluster is started and stopped by the row. No target: the
 * row says what replication to a quorum costs.
 */
public final class ReplicaDrainBenchmark implements Benchmark {
    private static final int NODES = 3;

    @Override
    public Row run(boolean quick) throws Exception {
        int n = DrainBenchmark.messages(quick);
        int reps = quick ? 3 : 5;
        Topology r1 = NatsBench.topology(1);
        Topology r3 = NatsBench.topology(NODES);
        try (NatsCluster cluster = NatsCluster.start(NODES);
             NatsBench nats = NatsBench.connect(cluster.urls(), r1)) {
            List<Long> redelivered = new ArrayList<>();
            Alternation runs = Alternation.run(reps, () -> rate(nats, r3, n, redelivered),
                    () -> rate(nats, r1, n, redelivered));
            List<Double> ratios = runs.ratios();
            double ratio = Stats.median(ratios);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("messages", n);
            details.put("batch", DrainBenchmark.BATCH);
            details.put("nodes", NODES);
            details.put("r3MsgsPerSecond", runs.a());
            details.put("r1MsgsPerSecond", runs.b());
            details.put("ratios", ratios);
            details.put("redeliveredPerDrain", redelivered);
            details.put("agentConfig", DrainBenchmark.AGENT_CONFIG);
            long again = redelivered.stream().mapToLong(Long::longValue).sum();
            String figure = Stats.human(Stats.median(runs.a())) + " vs " + Stats.human(Stats.median(runs.b()))
                    + " msgs/s" + (again == 0 ? "" : " (" + again + " redelivered after ack wait)");
            return new Row("B7", "drain " + n / 1000 + "k 1 KiB msgs on a " + NODES + "-node cluster: "
                    + DrainBenchmark.TURNS + ", R3 vs R1 streams", figure, ratio, Stats.spreadPercent(ratios),
                    "both reported, same run", true, details);
        }
    }

    /**
     * Re-creates the streams with {@code topology}'s replicas, provisions a fresh agent and drains
     * {@code n}; msgs/s. Adds the drain's redelivered items to {@code redelivered}.
     */
    private static double rate(NatsBench nats, Topology topology, int n, List<Long> redelivered) throws Exception {
        nats.replaceTopology(topology);
        DrainAgent agent = DrainBenchmark.provisionAgent(nats);
        double seconds = DrainBenchmark.timeAgent(nats, agent, n);
        redelivered.add(agent.redelivered());
        return n / seconds;
    }
}
