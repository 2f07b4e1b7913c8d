package dev.agentkit.testing.nats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code nats-server} process of one {@link ClusterNode}: writes the node's configuration
 * (server name, loopback listen address, store directory, cluster routes to every node), starts
 * the server with its output appended to the node's log file, and stops it gracefully (SIGTERM)
 * or kills it (SIGKILL), each with a bounded wait. Used by {@link NatsCluster}.
 */
final class NodeProcess {
    private static final Logger log = LoggerFactory.getLogger(NodeProcess.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final long STOP_TIMEOUT_SECONDS = 20;

    private final ClusterNode node;
    private final Path executable;
    private final Path config;
    private final Path logFile;
    private Process process;

    NodeProcess(ClusterNode node, Path executable, Path dir, String clusterName, List<ClusterNode> all) {
        this.node = node;
        this.executable = executable;
        this.config = dir.resolve(node.name() + ".conf");
        this.logFile = dir.resolve(node.name() + ".log");
        try {
            Files.createDirectories(node.storeDir());
            Files.writeString(config, configText(node, clusterName, all), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the configuration of " + node, e);
        }
    }

    static String configText(ClusterNode node, String clusterName, List<ClusterNode> all) {
        String routes = all.stream().map(ClusterNode::routeUrl).collect(Collectors.joining(", "));
        return "server_name: " + node.name() + "\n"
                + "listen: 127.0.0.1:" + node.clientPort() + "\n"
                + "jetstream { store_dir: \"" + node.storeDir().toString().replace("\\", "/") + "\" }\n"
                + "cluster {\n"
                + "  name: " + clusterName + "\n"
                + "  listen: 127.0.0.1:" + node.routePort() + "\n"
                + "  routes: [" + routes + "]\n"
                + "}\n";
    }

    /** Starts the server (which must not be running) without waiting for it. */
    synchronized void launch() {
        if (isRunning()) {
            throw new IllegalStateException(node + " is already running");
        }
        try {
            process = new ProcessBuilder(executable.toString(), "--config", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + executable + " for " + node + ": " + e.getMessage(), e);
        }
        log.debug("launched {} (pid {}), log {}", node, process.pid(), logFile);
    }

    /** Waits until the launched server greets clients on its port. */
    void awaitReady() {
        Process p = current();
        try {
            ServerReadiness.await(node.clientPort(), p == null ? null : p.toHandle(), READY_TIMEOUT);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "; log " + logFile, e);
        }
    }

    synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops the server with SIGTERM and waits for it to exit; does nothing when it is not running. */
    void stop() {
        Process p = current();
        if (p != null) {
            p.destroy();
            awaitExit(p);
            log.info("stopped {}", node);
        }
    }

    /** Kills the server with SIGKILL, as a crash would, and waits for it to exit. */
    void kill() {
        Process p = current();
        if (p != null) {
            p.destroyForcibly();
            awaitExit(p);
            log.info("killed {} (SIGKILL)", node);
        }
    }

    Path logFile() {
        return logFile;
    }

    private synchronized Process current() {
        return process;
    }

    private void awaitExit(Process p) {
        try {
            if (!p.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                log.warn("{} (pid {}) did not stop within {} s; killing it", node, p.pid(), STOP_TIMEOUT_SECONDS);
                p.destroyForcibly();
                p.onExit().get(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping " + node, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(node + " (pid " + p.pid() + ") does not die", e);
        }
        synchronized (this) {
            if (process == p) {
                process = null;
            }
        }
    }
}
