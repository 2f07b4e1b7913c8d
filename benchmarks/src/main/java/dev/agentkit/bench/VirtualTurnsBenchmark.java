package dev.agentkit.bench;

import dev.agentkit.core.turn.AgentConfig;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.core.turn.Outcome;
import dev.agentkit.core.turn.TurnBasedAgent;
import dev.agentkit.core.turn.TurnReport;
import dev.agentkit.core.turn.WorkItem;
import dev.agentkit.testing.AgentTestKit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * B4: 10,000 full turns in {@code AgentTestKit} — publish, a turn that asks for a retry in five
 * minutes, the virtual clock crossing the delay, a turn that finishes the item, an assertion —
 * timed on the wall clock. Target: under one second in total.
 */
final class VirtualTurnsBenchmark implements Benchmark {
    private static final int TURNS = 10_000;

    static final class Flaky extends TurnBasedAgent {
        Flaky(AgentRuntime runtime) {
            super(AgentConfig.builder("roy").role("backend").build(), runtime);
        }

        @Override
        protected Outcome processWork(WorkItem item) {
            return item.deliveryCount() == 1 ? Outcome.retry(Duration.ofMinutes(5), "flaky") : Outcome.done();
        }
    }

    @Override
    public Row run(boolean quick) {
        int reps = quick ? 3 : 7;
        List<Double> millis = new ArrayList<>();
        for (int rep = 0; rep < reps + 1; rep++) {
            double ms = once();
            if (rep > 0) {
                millis.add(ms);
            }
        }
        double median = Stats.median(millis);
        return new Row("B4", String.format(Locale.ROOT, "%,d", TURNS) + " full turns in AgentTestKit, a 5 min nak delay crossed each time",
                String.format("%.0f ms", median), null, Stats.spreadPercent(millis), "< 1000 ms in total",
                median < 1000, Map.of("turns", TURNS, "millisPerRun", millis));
    }

    private static double once() {
        long start = System.nanoTime();
        try (AgentTestKit kit = AgentTestKit.create()) {
            kit.provision("roy", "backend");
            Flaky roy = new Flaky(kit.runtime());
            for (int i = 0; i < TURNS / 2; i++) {
                kit.publishWork("backend", Map.of("id", "REQ-" + i));
                TurnReport first = roy.runTurn();
                kit.advance(Duration.ofMinutes(5));
                TurnReport second = roy.runTurn();
                if (first.retried() != 1 || second.done() != 1) {
                    throw new IllegalStateException("turn " + i + " did not retry then finish: " + first + " / " + second);
                }
            }
        }
        return (System.nanoTime() - start) / 1e6;
    }
}
