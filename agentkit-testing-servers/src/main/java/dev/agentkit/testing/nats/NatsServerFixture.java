package dev.agentkit.testing.nats;

import io.nats.NatsServerRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real {@code nats-server -js} for integration tests: listens on 127.0.0.1 on a free port,
 * keeps JetStream data in its own temporary store directory, and can be stopped and started
 * again on the same port and store (to test a server restart). Started with
 * jnats-server-runner; the binary comes from {@link NatsServerBinary}. When env
 * {@code NATS_URL} is set, that server is used instead and nothing is started (then
 * {@link #stop()} and {@link #restart()} are not available: see {@link #requireRestartable()}).
 *
 * <pre>{@code
 * try (NatsServerFixture nats = NatsServerFixture.start()) {
 *     Connection nc = Nats.connect(nats.url());
 *     ...
 * }
 * }</pre>
 *
 * Used by agentkit-nats' integration tests, directly or through {@link NatsServerExtension}.
 * A missing binary skips the test, or fails it under {@code CI=true}.
 */
public final class NatsServerFixture implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NatsServerFixture.class);
    private static final long STOP_TIMEOUT_SECONDS = 20;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final Path executable;
    private final Path storeDir;
    private final int port;
    private final String externalUrl;
    private final List<String> configLines;
    private NatsServerRunner runner;
    private ProcessHandle process;

    private NatsServerFixture(Path executable, Path storeDir, int port, String externalUrl, List<String> configLines) {
        this.executable = executable;
        this.storeDir = storeDir;
        this.port = port;
        this.externalUrl = externalUrl;
        this.configLines = List.copyOf(configLines);
    }

    /** Starts a server (or adopts {@code NATS_URL}), reading the process environment. */
    public static NatsServerFixture start() {
        return start(System.getenv(), List.of());
    }

    /**
     * Starts a server of its own with extra lines in its configuration file, e.g.
     * {@code authorization { token: "t0ken" }} or a {@code tls { ... }} block (also with
     * {@code handshake_first}). With {@code NATS_URL} set the calling test is
     * aborted: an external server cannot take the configuration.
     */
    public static NatsServerFixture startWith(String... configLines) {
        Assumptions.assumeTrue(System.getenv("NATS_URL") == null || System.getenv("NATS_URL").isBlank(),
                "this test configures its own nats-server; NATS_URL points at an external one");
        return start(System.getenv(), List.of(configLines));
    }

    static NatsServerFixture start(Map<String, String> env, List<String> configLines) {
        String url = env.get("NATS_URL");
        if (url != null && !url.isBlank() && configLines.isEmpty()) {
            log.info("using the existing NATS server at NATS_URL");
            return new NatsServerFixture(null, null, -1, url.split(",")[0].strip(), List.of());
        }
        Path executable = new NatsServerBinary(env).require();
        try {
            Path store = Files.createTempDirectory("agentkit-nats-js-");
            NatsServerFixture fixture = new NatsServerFixture(executable, store, freeLoopbackPort(), null, configLines);
            try {
                fixture.launch();
            } catch (RuntimeException e) {
                deleteRecursively(store);
                throw e;
            }
            return fixture;
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare a nats-server store directory", e);
        }
    }

    /** The client URL, {@code nats://127.0.0.1:<port>} (or {@code NATS_URL}). */
    public String url() {
        return externalUrl != null ? externalUrl : "nats://127.0.0.1:" + port;
    }

    /** Whether this fixture started the server itself (false with {@code NATS_URL}). */
    public boolean isManaged() {
        return externalUrl == null;
    }

    /** The JetStream store directory of a managed server. */
    public Path storeDir() {
        requireManaged("storeDir");
        return storeDir;
    }

    /** The port of a managed server. */
    public int port() {
        requireManaged("port");
        return port;
    }

    /** Whether a managed server is running now. */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Aborts the calling test (a JUnit assumption) when the server is external and cannot be restarted. */
    public void requireRestartable() {
        Assumptions.assumeTrue(isManaged(), "NATS_URL points at an external server; this test must stop and start it");
    }

    /** Stops the server gracefully (SIGTERM, bounded wait), keeping its store. */
    public synchronized void stop() {
        requireManaged("stop");
        if (process != null) {
            process.destroy();
            awaitExit();
        }
        shutdownRunner();
    }

    /** Kills the server at once (SIGKILL), as a crash would; its store stays. */
    public synchronized void kill() {
        requireManaged("kill");
        if (process != null) {
            process.destroyForcibly();
            awaitExit();
        }
        shutdownRunner();
    }

    /** Starts the server again on the same port and store directory; stops it first if it runs. */
    public synchronized void restart() {
        requireManaged("restart");
        stop();
        launch();
    }

    /** Stops the server and deletes its store directory. */
    @Override
    public synchronized void close() {
        if (!isManaged()) {
            return;
        }
        stop();
        deleteRecursively(storeDir);
    }

    @Override
    public String toString() {
        return isManaged() ? "nats-server " + executable + " on " + url() + " store " + storeDir
                : "external NATS server (NATS_URL)";
    }

    private synchronized void launch() {
        try {
            List<String> config = new ArrayList<>(List.of("host: 127.0.0.1",
                    "jetstream { store_dir: \"" + storeDir.toString().replace("\\", "/") + "\" }"));
            config.addAll(configLines);
            runner = NatsServerRunner.builder()
                    .executablePath(executable)
                    .port(port)
                    .jetstream(true)
                    .configInserts(config)
                    .output(new Slf4jRunnerOutput())
                    .skipConnectValidate() // its check waits ~2 s for a second protocol line; awaitReady does not
                    .build();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("could not start " + executable + " on 127.0.0.1:" + port
                    + " (store " + storeDir + "): " + e.getMessage(), e);
        }
        String config = runner.getConfigFile();
        process = ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().map(c -> c.contains(config)).orElse(false))
                .findFirst().orElse(null);
        if (process == null && ProcessHandle.current().children().allMatch(p -> p.info().commandLine().isPresent())) {
            // every child process is known and none is this server: it exited already (a bad config, say)
            shutdownRunner();
            throw new IllegalStateException("nats-server on 127.0.0.1:" + port + " exited during start-up"
                    + " (see the log of dev.agentkit.testing.nats.server)");
        }
        ServerReadiness.await(port, process, READY_TIMEOUT);
        log.info("started {}", this);
    }

    private void awaitExit() {
        try {
            process.onExit().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            log.warn("nats-server pid {} did not stop within {} s; killing it", process.pid(), STOP_TIMEOUT_SECONDS);
            process.destroyForcibly();
            try {
                process.onExit().get(5, TimeUnit.SECONDS);
            } catch (InterruptedException | ExecutionException | TimeoutException again) {
                throw new IllegalStateException("nats-server pid " + process.pid() + " does not die", again);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping nats-server", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not stop nats-server", e);
        }
    }

    private void shutdownRunner() {
        if (runner == null) {
            return;
        }
        try {
            // the process is gone (or was never found): this only clears the runner's state
            runner.shutdown(process == null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Optional.ofNullable(runner.getConfigFile()).map(Path::of).ifPresent(NatsServerFixture::deleteQuietly);
        runner = null;
        process = null;
        log.info("stopped nats-server on {}", url());
    }

    private void requireManaged(String what) {
        if (!isManaged()) {
            throw new UnsupportedOperationException(what + " is not available for the external server of NATS_URL");
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(NatsServerFixture::deleteQuietly);
        } catch (IOException e) {
            log.warn("could not delete {}: {}", dir, e.toString());
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            log.warn("could not delete {}: {}", p, e.toString());
        }
    }
}
