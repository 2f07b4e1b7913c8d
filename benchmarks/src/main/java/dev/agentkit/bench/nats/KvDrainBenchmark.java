package dev.agentkit.bench.nats;

import dev.agentkit.bench.Alternation;
import dev.agentkit.bench.Benchmark;
import dev.agentkit.bench.Row;
import dev.agentkit.bench.Stats;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.nats.kv.KvProcessedStore;
import dev.agentkit.nats.kv.KvStateStore;
import dev.agentkit.nats.kv.KvTurnLease;
import io.nats.client.Connection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * B8: the production configuration. B1's drain ({@link DrainAgent} turns, same batch and budget)
 * with the NATS KV stores a team runs ({@link KvProcessedStore}, {@link KvStateStore},
 * {@link KvTurnLease}, default buckets, on the same server), against B1's raw jnats pull/ack loop
 * ({@link RawDrain}), alternately in one run; reports both rates and their ratio. Target: at least
 * 0.5 of raw.
 */
public final class KvDrainBenchmark implements Benchmark {
    private static final String AGENT = "kvdrainer";
    private static final String ROLE = "kvdrain";
    private static final Duration LIMIT = Duration.ofMinutes(2);
    /**
     * The messages each side drains to warm up, in a quick run too: with only the discarded drain
     * of the measured size, the first measured repetition still compiled the KV stores' paths
     * (its JVM CPU per message twice the others').
     */
    private static final int WARM_UP = 100_000;

    private final NatsBench nats;

    public KvDrainBenchmark(NatsBench nats) {
        this.nats = nats;
    }

    @Override
    public Row run(boolean quick) throws Exception {
        int n = DrainBenchmark.messages(quick);
        int reps = 5;
        nats.provision(AGENT, ROLE);
        Connection nc = nats.connection();
        AgentRuntime runtime = nats.runtime().toBuilder().processedStore(KvProcessedStore.open(nc))
                .stateStore(KvStateStore.open(nc)).lease(KvTurnLease.open(nc)).build();
        DrainAgent agent = new DrainAgent(AGENT, ROLE, DrainBenchmark.TURN_ITEMS, DrainBenchmark.BATCH, runtime);
        RawDrain raw = DrainBenchmark.provisionRaw(nats);
        timeAgent(agent, WARM_UP);
        DrainBenchmark.timeRaw(nats, raw, WARM_UP);
        MeteredRuns metered = MeteredRuns.run(nats, reps, () -> n / timeAgent(agent, n),
                () -> n / DrainBenchmark.timeRaw(nats, raw, n));
        Alternation runs = metered.runs();
        List<Double> ratios = runs.ratios();
        double ratio = Stats.median(ratios);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("messages", n);
        details.put("batch", DrainBenchmark.BATCH);
        details.put("agentMsgsPerSecond", runs.a());
        details.put("rawMsgsPerSecond", runs.b());
        details.put("ratios", ratios);
        details.put("redelivered", agent.redelivered());
        metered.putCpu(details);
        details.put("agentConfig", DrainBenchmark.AGENT_CONFIG.replace("in-memory ProcessedStore",
                "KvProcessedStore, KvStateStore, KvTurnLease"));
        String figure = Stats.human(Stats.median(runs.a())) + " vs " + Stats.human(Stats.median(runs.b())) + " msgs/s";
        return new Row("B8", "B1's drain with KvProcessedStore, KvStateStore, KvTurnLease vs raw jnats pull/ack",
                figure, ratio, Stats.spreadPercent(ratios), ">= 0.50 of raw", ratio >= 0.50, details);
    }

    private double timeAgent(DrainAgent agent, int n) throws Exception {
        return nats.timeDrain(nats.topology().requirementSubject(ROLE), n, () -> agent.drain(n, LIMIT));
    }
}
