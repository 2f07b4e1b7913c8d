package dev.agentkit.bench;

import dev.agentkit.core.message.Json;
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
 * {@code benchmarks/target/bench.json}. Started by {@code scripts/bench.sh [--quick]}.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        List<Benchmark> benchmarks = new ArrayList<>(List.of(new VirtualTurnsBenchmark()));
        List<Row> rows = new ArrayList<>();
        for (Benchmark b : benchmarks) {
            Row row = b.run(quick);
            rows.add(row);
            System.out.println("done: " + row.id() + " " + row.figure());
        }
        rows.addAll(MicroBenchmarks.run(quick));
        print(rows, quick);
        write(rows, quick, Path.of("benchmarks", "target", "bench.json"));
    }

    private static void print(List<Row> rows, boolean quick) {
        System.out.printf("%nagentkit benchmarks (%s run, %d cores, Java %s)%n", quick ? "quick" : "full",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        String format = "| %-3s | %-62s | %-22s | %-7s | %-7s | %-30s | %-4s |%n";
        System.out.printf(format, "id", "what", "figure", "ratio", "spread", "target", "met");
        System.out.printf(format, "---", "-".repeat(62), "-".repeat(22), "-------", "-------", "-".repeat(30), "----");
        for (Row r : rows) {
            System.out.printf(format, r.id(), r.what(), r.figure(),
                    r.ratio() == null ? "" : String.format("%.2f", r.ratio()),
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
        Files.writeString(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc));
        System.out.println("\nfigures written to " + file);
    }
}
