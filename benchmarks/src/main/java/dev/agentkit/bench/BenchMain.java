package dev.agentkit.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentkit.bench.nats.BrokerSpeedBenchmark;
import dev.agentkit.bench.nats.DrainBenchmark;
import dev.agentkit.bench.nats.HeapDrainBenchmark;
import dev.agentkit.bench.nats.IdleTurnBenchmark;
import dev.agentkit.bench.nats.KvDrainBenchmark;
import dev.agentkit.bench.nats.NatsBench;
import dev.agentkit.bench.nats.ReplicaDrainBenchmark;
import dev.agentkit.bench.nats.SharedConnectionBenchmark;
import dev.agentkit.bench.nats.TracedDrainBenchmark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs agentkit's benchmarks and prints one table; the same figures go to
 * {@code benchmarks/target/bench.json}. Started by {@code scripts/bench.sh [--quick] [--only=B1,B7,M]}.
 */
public final class BenchMain {
    private static List<String> only;

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        only = List.of(args).stream().filter(a -> a.startsWith("--only=")).findFirst()
                .map(a -> List.of(a.substring("--only=".length()).split(","))).orElse(null);
        List<Row> rows = new ArrayList<>();
        try (NatsBench nats = NatsBench.start()) {
            System.out.println("nats-server on " + nats.url());
            measure(rows, "B1", quick, new DrainBenchmark(nats));
            measure(rows, "B2", quick, new IdleTurnBenchmark(nats));
            measure(rows, "B3", quick, new BrokerSpeedBenchmark(nats));
            measure(rows, "B4", quick, new VirtualTurnsBenchmark());
            measure(rows, "B5", quick, new HeapDrainBenchmark(nats));
            measure(rows, "B6", quick, new SharedConnectionBenchmark(nats));
            measure(rows, "B8", quick, new KvDrainBenchmark(nats));
            measure(rows, "B9", quick, new TracedDrainBenchmark(nats));
        }
        measure(rows, "B7", quick, new ReplicaDrainBenchmark()); // starts its own 3-node cluster
        if (only == null || only.stream().anyMatch(id -> id.startsWith("M"))) {
            rows.addAll(MicroBenchmarks.run(quick));
        }
        print(rows, quick);
        write(rows, quick, Path.of("benchmarks", "target", "bench.json"));
    }

    /** Runs one row unless {@code --only} leaves it out; a failure becomes a row that says so. */
    private static void measure(List<Row> rows, String id, boolean quick, Benchmark b) {
        if (only != null && !only.contains(id)) {
            return;
        }
        long start = System.nanoTime();
        Row row;
        try {
            row = b.run(quick);
        } catch (Exception | AssertionError e) {
            row = new Row(id, b.getClass().getSimpleName(), "FAILED: " + e, null, null, "", false,
                    Map.of("error", String.valueOf(e)));
        }
        System.out.printf("done: %s %s (%.1f s)%n", row.id(), row.figure(), (System.nanoTime() - start) / 1e9);
        rows.add(row);
    }

    private static void print(List<Row> rows, boolean quick) {
        System.out.printf("%nagentkit benchmarks (%s run, %d cores, Java %s)%n", quick ? "quick" : "full",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        int what = rows.stream().mapToInt(r -> r.what().length()).max().orElse(4);
        int figure = rows.stream().mapToInt(r -> r.figure().length()).max().orElse(6);
        String format = "| %-3s | %-" + what + "s | %-" + figure + "s | %-7s | %-6s | %-32s | %-4s |%n";
        System.out.printf(format, "id", "what", "figure", "ratio", "spread", "target", "met");
        System.out.printf(format, "---", "-".repeat(what), "-".repeat(figure), "-------", "------", "-".repeat(32), "----");
        for (Row r : rows) {
            System.out.printf(format, r.id(), r.what(), r.figure(),
                    r.ratio() == null ? "" : Stats.ratio(r.ratio()),
                    r.spread() == null ? "" : String.format("%.0f%%", r.spread()), r.target(),
                    r.met() == null ? "" : r.met() ? "yes" : "NO");
        }
    }

    private static void write(List<Row> rows, boolean quick, Path file) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("at", Instant.now().toString());
        doc.put("quick", quick);
        doc.put("cores", Runtime.getRuntime().availableProcessors());
        doc.put("java", System.getProperty("java.version"));
        doc.put("rows", rows);
        Files.createDirectories(file.getParent());
        Files.writeString(file, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc));
        System.out.println("\nfigures written to " + file);
    }
}
