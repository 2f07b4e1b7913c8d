package dev.agentkit.protocol;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Where the integration tests' real protocol peers come from: the Python SDKs' venv, installed
 * (idempotently) by {@code scripts/agent-protocol-peers.sh install}, and the {@code nats} CLI
 * ({@code NATS_CLI_BIN}, else the PATH, else {@code scripts/install-nats-server.sh --cli}'s cache).
 * A missing peer skips the test, and fails it under {@code CI=true}.
 */
final class Peers {
    private static volatile Path python;

    private Peers() {
    }

    /** The venv's Python, installing the SDKs on first use. */
    static synchronized Path python() {
        if (python == null) {
            Path script = repoRoot().resolve("scripts/agent-protocol-peers.sh");
            try {
                Process p = new ProcessBuilder(script.toString(), "install").redirectError(ProcessBuilder.Redirect.INHERIT).start();
                boolean ended = p.waitFor(5, TimeUnit.MINUTES);
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (!ended || p.exitValue() != 0) {
                    p.destroyForcibly();
                    missing("the protocol SDKs' venv could not be installed by " + script);
                }
                python = Paths.get(out, "bin", "python");
            } catch (IOException e) {
                missing("cannot run " + script + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                missing("interrupted while installing the protocol SDKs");
            }
        }
        return python;
    }

    /** The test script {@code name} under {@code src/test/python}. */
    static Path script(String name) {
        return repoRoot().resolve("agentkit-protocol/src/test/python").resolve(name);
    }

    /** The {@code nats} CLI. */
    static Path natsCli() {
        String cache = Optional.ofNullable(System.getenv("AGENTKIT_CACHE"))
                .orElse(System.getProperty("user.home") + "/.cache/agentkit");
        Optional<Path> found = Optional.ofNullable(System.getenv("NATS_CLI_BIN")).map(Paths::get).filter(Files::isExecutable)
                .or(() -> Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).map(d -> Paths.get(d, "nats"))
                        .filter(Files::isExecutable).findFirst())
                .or(() -> cached(Paths.get(cache)));
        if (found.isEmpty()) {
            missing("no nats CLI: set NATS_CLI_BIN or run scripts/install-nats-server.sh --cli");
        }
        return found.get();
    }

    private static Optional<Path> cached(Path cache) {
        try (Stream<Path> dirs = Files.list(cache)) {
            List<Path> clis = dirs.filter(d -> d.getFileName().toString().startsWith("nats-")).map(d -> d.resolve("nats"))
                    .filter(Files::isExecutable).sorted().toList();
            return clis.isEmpty() ? Optional.empty() : Optional.of(clis.get(clis.size() - 1));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Path repoRoot() {
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("scripts/agent-protocol-peers.sh"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("not inside the agentkit repository");
        }
        return dir;
    }

    private static void missing(String what) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(what + " (CI=true: a missing peer fails)");
        }
        assumeTrue(false, what);
    }
}
