package dev.agentkit.bench.nats;

import dev.agentkit.bench.Benchmark;
import dev.agentkit.bench.Row;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * B5: the heap a drain of a 100k backlog needs. The backlog is published here; a forked JVM
 * ({@link HeapDrainMain}, this classpath, {@code -Xmx64m}) drains it through turns and samples its
 * used heap. The target is met when the drain completes inside the 64 MiB heap; the sampled peak
 * of used heap (live data plus garbage not yet collected) is reported beside it.
 */
public final class HeapDrainBenchmark implements Benchmark {
    private static final String AGENT = "heapdrain";
    private static final String ROLE = "heap";
    private static final int N = 100_000;
    private static final long TIMEOUT_SECONDS = 240;
    private static final Pattern LINE = Pattern.compile(
            "HEAPDRAIN done=(\\d+) seconds=([0-9.]+) peakUsed=(\\d+) poolPeaks=(\\d+) afterLastGc=(\\d+)");
    private static final double MIB = 1024 * 1024;

    private final NatsBench nats;

    public HeapDrainBenchmark(NatsBench nats) {
        this.nats = nats;
    }

    @Override
    public Row run(boolean quick) throws Exception {
        nats.provision(AGENT, ROLE);
        nats.publish(nats.topology().requirementSubject(ROLE), N);
        Path log = Files.createTempFile("agentkit-heapdrain-", ".log");
        try {
            Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx64m", "-cp", System.getProperty("java.class.path"), HeapDrainMain.class.getName(),
                    nats.url(), AGENT, ROLE, Integer.toString(N), Integer.toString(DrainBenchmark.BATCH)))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean exited = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!exited) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            return row(exited ? p.exitValue() : -1, out);
        } finally {
            nats.purgeWork();
            Files.deleteIfExists(log);
        }
    }

    private static Row row(int exit, String out) throws IOException {
        Matcher m = LINE.matcher(out);
        String what = "peak used heap draining 100k through turns, forked JVM -Xmx64m, sampled 2 ms";
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("method", "forked JVM with -Xmx64m (default GC), MemoryMXBean heap used sampled every 2 ms");
        details.put("exitCode", exit);
        if (exit != 0 || !m.find()) {
            details.put("output", out.length() > 2000 ? out.substring(out.length() - 2000) : out);
            return new Row("B5", what, "did not complete (exit " + exit + ")", null, null,
                    "<= 64 MiB peak used heap", false, details);
        }
        double peak = Long.parseLong(m.group(3)) / MIB;
        details.put("messages", Integer.parseInt(m.group(1)));
        details.put("seconds", Double.parseDouble(m.group(2)));
        details.put("peakUsedMiB", peak);
        details.put("sumOfPoolPeaksMiB", Long.parseLong(m.group(4)) / MIB);
        details.put("afterLastGcMiB", Long.parseLong(m.group(5)) / MIB);
        return new Row("B5", what, String.format("%.1f MiB, completed, %.0f msgs/s", peak,
                Integer.parseInt(m.group(1)) / Double.parseDouble(m.group(2))), null, null,
                "<= 64 MiB peak used heap", peak <= 64, details);
    }
}
