package dev.agentkit.bench;

/** One row of the benchmark suite; {@link BenchMain} runs them in order, the real-server rows included. */
public interface Benchmark {
    /** Measures and returns the row; {@code quick} asks for a run of seconds, not minutes. */
    Row run(boolean quick) throws Exception;
}
