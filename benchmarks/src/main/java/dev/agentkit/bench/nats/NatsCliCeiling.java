package dev.agentkit.bench.nats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * B1's ceiling: {@code nats bench js fetch} (natscli's JetStream pull consumer) on the same
 * server, when the CLI is installed ({@code NATS_CLI_BIN}, the PATH, or the cache of
 * {@code scripts/install-nats-server.sh --cli}). Each call is bounded by a timeout.
 */
final class NatsCliCeiling {
    private static final Pattern RATE = Pattern.compile("durable consumer \\(fetch\\) stats: ([0-9,]+) msgs/sec");
    private static final long TIMEOUT_SECONDS = 60;

    private NatsCliCeiling() {
    }

    /** The CLI's pull-consumer msgs/s for {@code n} 1 KiB messages in batches of {@code batch}, or empty without the CLI. */
    static Optional<Double> measure(String url, int n, int batch) throws IOException, InterruptedException {
        Optional<Path> cli = find();
        if (cli.isEmpty()) {
            return Optional.empty();
        }
        List<String> common = List.of("-s", url, "--no-context");
        run(cli.get(), common, List.of("bench", "js", "pub", "async", "agentkitbench.x", "--create", "--purge",
                "--msgs", Integer.toString(n), "--size", "1KB", "--no-progress"));
        String out = run(cli.get(), common, List.of("bench", "js", "fetch", "--msgs", Integer.toString(n), "--size", "1KB",
                "--batch", Integer.toString(batch), "--no-progress"));
        Matcher m = RATE.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no rate in the output of nats bench js fetch: " + out);
        }
        return Optional.of(Double.parseDouble(m.group(1).replace(",", "")));
    }

    private static String run(Path cli, List<String> common, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(cli.toString()));
        command.addAll(common);
        command.addAll(args);
        Path log = Files.createTempFile("agentkit-nats-bench-", ".log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new IllegalStateException(String.join(" ", args) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", args) + " exited " + p.exitValue() + ": " + out);
            }
            return out;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static Optional<Path> find() {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(System.getenv("NATS_CLI_BIN")).filter(s -> !s.isBlank()).map(Path::of).ifPresent(candidates::add);
        for (String dir : Optional.ofNullable(System.getenv("PATH")).orElse("").split(java.io.File.pathSeparator)) {
            if (!dir.isBlank()) {
                candidates.add(Path.of(dir, "nats"));
            }
        }
        Path cache = Optional.ofNullable(System.getenv("AGENTKIT_CACHE")).filter(s -> !s.isBlank()).map(Path::of)
                .orElse(Path.of(System.getProperty("user.home"), ".cache", "agentkit"));
        candidates.add(cache.resolve("nats-v2.15.2").resolve("nats"));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }
}
