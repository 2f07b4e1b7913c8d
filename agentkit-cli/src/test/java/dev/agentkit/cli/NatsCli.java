package dev.agentkit.cli;

import dev.agentkit.testing.nats.NatsServerBinary;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real {@code nats} CLI (natscli) against a test server: {@code NATS_CLI_BIN}, else
 * {@code nats} on the PATH, else the cache that {@code scripts/install-nats-server.sh --cli}
 * fills. Missing, the test is skipped, or failed under {@code CI=true}. Every run is bounded.
 */
final class NatsCli {
    private static final long TIMEOUT_SECONDS = 30;
    private final Path binary;
    private final String url;

    private NatsCli(Path binary, String url) {
        this.binary = binary;
        this.url = url;
    }

    static NatsCli require(String url) {
        Optional<Path> found = find();
        if (found.isEmpty()) {
            String message = "no nats CLI: set NATS_CLI_BIN, put nats on the PATH or run scripts/install-nats-server.sh --cli";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message + " (CI=true: a missing tool fails the build)");
            }
            Assumptions.abort(message);
        }
        return new NatsCli(found.get(), url);
    }

    private static Optional<Path> find() {
        String explicit = System.getenv("NATS_CLI_BIN");
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(Path.of(explicit)).filter(Files::isExecutable);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isBlank() && Files.isExecutable(Path.of(dir, "nats"))) {
                return Optional.of(Path.of(dir, "nats"));
            }
        }
        String cache = System.getenv("AGENTKIT_CACHE");
        Path root = cache != null && !cache.isBlank() ? Path.of(cache)
                : Path.of(System.getProperty("user.home"), ".cache", "agentkit");
        return Optional.of(root.resolve("nats-" + NatsServerBinary.PINNED_VERSION).resolve("nats"))
                .filter(Files::isExecutable);
    }

    /** Runs {@code nats --server URL args...}; fails unless it exits 0; returns its output. */
    String run(String... args) {
        Result r = tryRun(args);
        if (r.exit() != 0) {
            throw new AssertionError("nats " + String.join(" ", args) + " exited " + r.exit() + ": " + r.output());
        }
        return r.output();
    }

    /**
     * {@code nats stream view STREAM}, which pages and so insists on a terminal: run under
     * {@code script} (util-linux) for a pseudo-terminal; without it, each message by {@code nats stream get}.
     */
    String view(String stream) {
        if (Files.isExecutable(Path.of("/usr/bin/script"))) {
            String line = String.join(" ", command("stream", "view", stream));
            Result r = exec(List.of("/usr/bin/script", "-qec", line, "/dev/null"), "stream view " + stream);
            if (r.exit() != 0) {
                throw new AssertionError("nats stream view " + stream + " exited " + r.exit() + ": " + r.output());
            }
            return r.output();
        }
        String info = run("stream", "info", stream, "--json");
        long last = Long.parseLong(info.replaceAll("(?s).*\"last_seq\":\\s*(\\d+).*", "$1"));
        StringBuilder sb = new StringBuilder();
        for (long seq = 1; seq <= last; seq++) {
            sb.append(run("stream", "get", stream, Long.toString(seq))).append('\n');
        }
        return sb.toString();
    }

    private List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--server", url, "--no-context"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs it and returns the exit code and output, whatever they are. */
    Result tryRun(String... args) {
        return exec(command(args), String.join(" ", args));
    }

    private Result exec(List<String> cmd, String what) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(
                    new File("/dev/null"))).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("nats " + what + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + binary, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    record Result(int exit, String output) {
    }
}
