package dev.agentkit.bench.nats;

import dev.agentkit.bench.Benchmark;
import dev.agentkit.bench.Row;
import dev.agentkit.bench.Stats;
import dev.agentkit.core.topology.Topology;
import dev.agentkit.core.turn.TurnReport;
import io.nats.client.ConsumerContext;
import io.nats.client.FetchConsumeOptions;
import io.nats.client.FetchConsumer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * B2: the wall time of a turn of an agent whose consumers (work, direct, two coordination) are
 * all empty, on a real server. Compared with the seed's sketch, which waits out a 5 s fetch
 * timeout on each of the four: 4 × 5 s computed in a quick run, and in a full run one expiring
 * 5 s fetch measured and multiplied by four. Target: median at most 10 ms.
 */
public final class IdleTurnBenchmark implements Benchmark {
    private static final int CONSUMERS = 4;
    private static final long SKETCH_TIMEOUT_MS = 5000;

    private final NatsBench nats;

    public IdleTurnBenchmark(NatsBench nats) {
        this.nats = nats;
    }

    @Override
    public Row run(boolean quick) throws Exception {
        int reps = quick ? 5 : 10;
        int turnsPerRep = quick ? 20 : 50;
        nats.provision("idler", "idle");
        DrainAgent idler = new DrainAgent("idler", "idle", 20, 1, nats.runtime());
        for (int i = 0; i < turnsPerRep; i++) {
            turnMillis(idler); // warm-up
        }
        List<Double> all = new ArrayList<>();
        List<Double> repMedians = new ArrayList<>();
        for (int rep = 0; rep < reps; rep++) {
            List<Double> turns = new ArrayList<>();
            for (int i = 0; i < turnsPerRep; i++) {
                turns.add(turnMillis(idler));
            }
            all.addAll(turns);
            repMedians.add(Stats.median(turns));
        }
        double median = Stats.median(all);
        double sketchMs = quick ? CONSUMERS * SKETCH_TIMEOUT_MS : CONSUMERS * expiringFetchMillis();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("turns", all.size());
        details.put("medianMillis", median);
        details.put("repMedianMillis", repMedians);
        details.put("maxMillis", all.stream().mapToDouble(Double::doubleValue).max().orElse(0));
        details.put("sketchMillis", sketchMs);
        details.put("sketchMethod", quick ? "computed: 4 consumers x 5 s fetch timeout"
                : "4 x one measured expiring 5 s jnats fetch on an empty consumer");
        return new Row("B2", "turn of an agent with 4 empty consumers vs seed sketch (4 x 5 s fetch timeout)",
                String.format("%.2f ms vs %.0f ms", median, sketchMs), median / sketchMs,
                Stats.spreadPercent(repMedians), "median <= 10 ms", median <= 10, details);
    }

    private static double turnMillis(DrainAgent agent) {
        long start = System.nanoTime();
        TurnReport r = agent.runTurn();
        double ms = (System.nanoTime() - start) / 1e6;
        if (r.pulled() != 0) {
            throw new IllegalStateException("the idle agent pulled work: " + r.summary());
        }
        return ms;
    }

    @SuppressWarnings("try") // FetchConsumer.close() may throw InterruptedException; the method throws Exception anyway
    private double expiringFetchMillis() throws Exception {
        ConsumerContext cc = nats.connection().getConsumerContext(Topology.DIRECT, "idler");
        long start = System.nanoTime();
        try (FetchConsumer fetch = cc.fetch(FetchConsumeOptions.builder().maxMessages(1).expiresIn(SKETCH_TIMEOUT_MS).build())) {
            if (fetch.nextMessage() != null) {
                throw new IllegalStateException("the idle agent's direct consumer is not empty");
            }
        }
        return (System.nanoTime() - start) / 1e6;
    }
}
