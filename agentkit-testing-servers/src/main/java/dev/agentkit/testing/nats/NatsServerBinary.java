package dev.agentkit.testing.nats;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the {@code nats-server} executable for {@link NatsServerFixture}: env
 * {@code NATS_SERVER_BIN}, else {@code nats-server} on the {@code PATH}, else the cache directory
 * that {@code scripts/install-nats-server.sh} fills
 * ({@code ${AGENTKIT_CACHE:-~/.cache/agentkit}/nats-v2.15.2/nats-server}, or
 * {@code nats-debian-sid/nats-server} from its Debian fallback). When none is found,
 * the test is skipped, or failed under {@code CI=true}.
 */
public final class NatsServerBinary {
    /** The server version {@code scripts/install-nats-server.sh} installs. */
    public static final String PINNED_VERSION = "v2.15.2";

    private final Map<String, String> env;

    NatsServerBinary(Map<String, String> env) {
        this.env = env;
    }

    /** Resolves from the process environment. */
    public static NatsServerBinary fromEnvironment() {
        return new NatsServerBinary(System.getenv());
    }

    /** The executable, if one is found. */
    public Optional<Path> find() {
        String explicit = env.get("NATS_SERVER_BIN");
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(Path.of(explicit)).filter(Files::isExecutable);
        }
        String pathVar = env.getOrDefault("PATH", "");
        for (String dir : pathVar.split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                Path candidate = Path.of(dir, "nats-server");
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Stream.of(cachePath(), cacheRoot().resolve("nats-debian-sid").resolve("nats-server"))
                .filter(Files::isExecutable).findFirst();
    }

    /** Where the install script puts the pinned server (its Debian fallback goes to {@code nats-debian-sid/}). */
    Path cachePath() {
        return cacheRoot().resolve("nats-" + PINNED_VERSION).resolve("nats-server");
    }

    private Path cacheRoot() {
        String cache = env.get("AGENTKIT_CACHE");
        return cache != null && !cache.isBlank() ? Path.of(cache)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".cache", "agentkit");
    }

    /**
     * The executable; when there is none, fails the calling test under {@code CI=true} and
     * otherwise aborts it (a JUnit assumption), with a message that says how to get one.
     */
    public Path require() {
        Optional<Path> found = find();
        if (found.isPresent()) {
            return found.get();
        }
        String explicit = env.get("NATS_SERVER_BIN");
        String message = (explicit != null && !explicit.isBlank()
                ? "NATS_SERVER_BIN=" + explicit + " is not an executable file"
                : "no nats-server found on PATH or at " + cachePath())
                + "; run scripts/install-nats-server.sh, set NATS_SERVER_BIN to a nats-server 2.10 or newer,"
                + " or set NATS_URL to a running server with JetStream";
        if ("true".equalsIgnoreCase(env.get("CI"))) {
            throw new IllegalStateException(message + " (CI=true: a missing server fails the build)");
        }
        return Assumptions.abort(message);
    }
}
