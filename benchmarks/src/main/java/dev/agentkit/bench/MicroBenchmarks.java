package dev.agentkit.bench;

import dev.agentkit.bench.micro.EnvelopeMicro;
import dev.agentkit.bench.micro.InMemoryBrokerMicro;
import dev.agentkit.bench.micro.PoisonCheckMicro;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs the JMH micro-benchmarks (M rows) in a forked JVM and turns their scores into {@link Row}s. */
final class MicroBenchmarks {
    private MicroBenchmarks() {
    }

    static List<Row> run(boolean quick) throws RunnerException {
        Options opts = new OptionsBuilder()
                .include(InMemoryBrokerMicro.class.getSimpleName())
                .include(EnvelopeMicro.class.getSimpleName())
                .include(PoisonCheckMicro.class.getSimpleName())
                .forks(1)
                .warmupIterations(quick ? 1 : 3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 2 : 5).measurementTime(TimeValue.seconds(1))
                .timeUnit(TimeUnit.SECONDS)
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(opts).run();
        List<Row> rows = new ArrayList<>();
        int n = 0;
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            double score = r.getPrimaryResult().getScore();
            double error = r.getPrimaryResult().getScoreError();
            rows.add(new Row("M" + (++n), "JMH " + name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1),
                    Stats.human(score) + " ops/s", null, Double.isNaN(error) || score == 0 ? null : error / score * 100,
                    "—", null, Map.of("opsPerSecond", score, "error99", error)));
        }
        return rows;
    }
}
