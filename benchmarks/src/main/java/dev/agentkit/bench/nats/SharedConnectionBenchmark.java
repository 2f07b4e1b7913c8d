package dev.agentkit.bench.nats;

import dev.agentkit.bench.Alternation;
import dev.agentkit.bench.Benchmark;
import dev.agentkit.bench.Row;
import dev.agentkit.bench.Stats;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.TurnReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * B6: 100 agents on one connection, each with its own role and 10 items waiting, take one turn
 * each, all started at once on 100 threads; compared with one agent draining 1,000 items in one
 * turn. Both fetch 10 at a time. Reports the ratio of wall times and fails if any agent did not
 * finish exactly its 10 items (starved).
 */
public final class SharedConnectionBenchmark implements Benchmark {
    private static final int AGENTS = 100;
    private static final int ITEMS = 10;
    private static final long TURN_TIMEOUT_SECONDS = 60;

    private final NatsBench nats;

    public SharedConnectionBenchmark(NatsBench nats) {
        this.nats = nats;
    }

    @Override
    public Row run(boolean quick) throws Exception {
        int reps = quick ? 3 : 5;
        AgentRuntime runtime = nats.runtime();
        List<DrainAgent> team = new ArrayList<>();
        for (int i = 0; i < AGENTS; i++) {
            String name = String.format("crowd%03d", i);
            nats.provision(name, name);
            team.add(new DrainAgent(name, name, ITEMS, ITEMS, runtime));
        }
        nats.provision("solo", "solo");
        DrainAgent solo = new DrainAgent("solo", "solo", AGENTS * ITEMS, ITEMS, runtime);
        ExecutorService pool = Executors.newFixedThreadPool(AGENTS);
        try {
            Alternation runs = Alternation.run(reps, () -> timeTeam(team, pool), () -> timeSolo(solo));
            List<Double> teamMs = runs.a();
            List<Double> soloMs = runs.b();
            List<Double> ratios = runs.ratios();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("teamMillis", teamMs);
            details.put("soloMillis", soloMs);
            details.put("ratios", ratios);
            details.put("starved", 0);
            return new Row("B6", AGENTS + " agents x 1 turn x " + ITEMS + " items on one connection vs 1 agent x "
                    + AGENTS * ITEMS + " items", String.format("%.0f ms vs %.0f ms, none starved", Stats.median(teamMs),
                    Stats.median(soloMs)), Stats.median(ratios), Stats.spreadPercent(ratios),
                    "ratio reported; no agent starved", true, details);
        } finally {
            pool.shutdownNow();
            nats.purgeWork();
        }
    }

    private double timeTeam(List<DrainAgent> team, ExecutorService pool) throws Exception {
        for (DrainAgent a : team) {
            nats.publish(nats.topology().requirementSubject(a.config().role()), ITEMS);
        }
        long start = System.nanoTime();
        List<Future<TurnReport>> turns = new ArrayList<>();
        for (DrainAgent a : team) {
            turns.add(pool.submit(a::runTurn));
        }
        for (Future<TurnReport> f : turns) {
            TurnReport r = f.get(TURN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (r.done() != ITEMS) {
                throw new IllegalStateException("agent starved or short: " + r.summary());
            }
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private double timeSolo(DrainAgent solo) {
        nats.publish(nats.topology().requirementSubject("solo"), AGENTS * ITEMS);
        long start = System.nanoTime();
        TurnReport r = solo.runTurn();
        if (r.done() != AGENTS * ITEMS) {
            throw new IllegalStateException("solo did not drain its " + AGENTS * ITEMS + " items in one turn: " + r.summary());
        }
        return (System.nanoTime() - start) / 1e6;
    }
}
