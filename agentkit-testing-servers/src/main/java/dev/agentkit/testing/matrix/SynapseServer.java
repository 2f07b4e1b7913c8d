package dev.agentkit.testing.matrix;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Synapse for integration tests, run by the project's {@code scripts/synapse.sh}: a pinned
 * matrix-synapse in a venv under {@code ${AGENTKIT_CACHE:-~/.cache/agentkit}} (installed on first
 * use), SQLite in a fresh temp directory, listening on a free 127.0.0.1 port, open to
 * shared-secret registration, with rate limits relaxed. Tests get one through
 * {@link SynapseExtension} (one per run); {@link #stop()} and {@link #start()} let a test take the
 * homeserver down and bring it back with its data. {@link #close()} stops it and deletes the
 * directory; a shutdown hook stops it if the JVM ends first.
 */
public final class SynapseServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SynapseServer.class);
    /** The server name of every test homeserver. */
    public static final String SERVER_NAME = "localhost";
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(1);

    private final SynapseScript script;
    private final Path root;
    private final Path dir;
    private final int port;
    private final Map<String, SynapseUser> users = new HashMap<>();
    private final Thread shutdownHook;
    private SharedSecretRegistration registration;
    private boolean running;

    private SynapseServer(SynapseScript script, Path root, int port) {
        this.script = script;
        this.root = root;
        this.dir = root.resolve("hs");
        this.port = port;
        this.shutdownHook = new Thread(this::stopQuietly, "synapse-shutdown");
    }

    /**
     * Installs Synapse if it is missing (minutes, once per machine) and starts a fresh server.
     *
     * @throws SynapseUnavailableException when the script is missing or a step fails
     */
    public static SynapseServer launch() {
        Path scriptPath = SynapseScript.locate();
        Path root;
        try {
            root = Files.createTempDirectory("agentkit-synapse-");
        } catch (IOException e) {
            throw new SynapseUnavailableException("cannot create a temp directory: " + e.getMessage(), e);
        }
        SynapseServer server = new SynapseServer(new SynapseScript(scriptPath, root.resolve("script.log")), root,
                freePort());
        server.script.run(INSTALL_TIMEOUT, "install");
        server.start();
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        return server;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new SynapseUnavailableException("no free loopback port: " + e.getMessage(), e);
        }
    }

    /** Starts the server (again) on its port with its data; returns once it answers. */
    public synchronized void start() {
        if (running) {
            return;
        }
        script.run(START_TIMEOUT, "start", dir.toString(), Integer.toString(port));
        running = true;
        if (registration == null) {
            registration = new SharedSecretRegistration(baseUrl(), dir.resolve("homeserver.yaml"));
        }
        log.info("Synapse is up at {} (data in {})", baseUrl(), dir);
    }

    /** Stops the server and keeps its data; {@link #start()} brings it back. */
    public synchronized void stop() {
        if (running) {
            script.run(STOP_TIMEOUT, "stop", dir.toString());
            running = false;
            log.info("Synapse at {} stopped", baseUrl());
        }
    }

    /** Whether the server was started and not stopped since. */
    public synchronized boolean isRunning() {
        return running;
    }

    /** The client-server base URL, {@code http://127.0.0.1:PORT}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The loopback port. */
    public int port() {
        return port;
    }

    /** The directory with the config, database and {@code homeserver.log}. */
    public Path dataDirectory() {
        return dir;
    }

    /** The user id of {@code localpart} on this server, {@code @localpart:localhost}. */
    public String userId(String localpart) {
        return "@" + localpart + ":" + SERVER_NAME;
    }

    /** The user {@code localpart}, registered (not as admin) the first time it is asked for. */
    public SynapseUser user(String localpart) {
        return registered(localpart, false);
    }

    /** The server admin {@code localpart}, registered the first time it is asked for. */
    public SynapseUser admin(String localpart) {
        return registered(localpart, true);
    }

    private synchronized SynapseUser registered(String localpart, boolean admin) {
        SynapseUser known = users.get(localpart);
        if (known != null) {
            return known;
        }
        if (!running) {
            throw new SynapseUnavailableException("cannot register " + localpart + ": Synapse is stopped");
        }
        SynapseUser user = registration.register(localpart, localpart + "-" + UUID.randomUUID(), admin);
        users.put(localpart, user);
        return user;
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException e) {
            log.warn("could not stop Synapse at {}: {}", baseUrl(), e.getMessage());
        }
    }

    /** Stops the server and deletes its directory. */
    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook stops the server
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("could not delete {}: {}", root, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "SynapseServer[" + baseUrl() + "]";
    }
}
