package dev.agentkit.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentkit.core.broker.ConsumerRef;
import dev.agentkit.core.broker.Delivery;
import dev.agentkit.core.message.Envelope;
import dev.agentkit.core.topology.ConsumerSpec;
import dev.agentkit.core.topology.StreamSpec;
import dev.agentkit.nats.connect.NatsConnectionConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's cluster walk-through, as a user runs it: {@code scripts/cluster.sh} starts three
 * nodes that hold an R3 stream, a killed node does not stop the work, and the node restarts and
 * the cluster stops.
 */
class ClusterScriptIT {
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path dir;
    private JetStreamBroker broker;

    @AfterEach
    void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
        script("stop");
    }

    @Test
    void aScriptedClusterHoldsAnR3StreamThroughTheCrashOfANode() throws Exception {
        String url = script("start", String.valueOf(freeBase())).lines()
                .filter(l -> l.startsWith("NATS_URL=")).findFirst().orElseThrow().substring("NATS_URL=".length());
        assertThat(url.split(",")).hasSize(3);
        broker = JetStreamBroker.connect(NatsConnectionConfig.builder().servers(List.of(url.split(","))).build());
        broker.ensureStream(StreamSpec.of("SCRIPTED", "scripted.>").withReplicas(3));
        ConsumerSpec consumer = ConsumerSpec.of("SCRIPTED", "reader");
        broker.ensureConsumer(consumer);

        script("kill", "1");
        RealTime.await("node 1 to die", Duration.ofSeconds(5), () -> !alive(dir.resolve("n1.pid")));
        RealTime.await("a publish and fetch without node 1", Duration.ofSeconds(30), () -> {
            try {
                broker.publish("scripted.a", Envelope.ofJson(Map.of("n", 1)));
                List<Delivery> got = broker.fetch(ConsumerRef.of(consumer), 10, Duration.ofSeconds(1));
                got.forEach(Delivery::ack);
                return !got.isEmpty();
            } catch (RuntimeException e) {
                return false;
            }
        });

        assertThat(script("restart", "1")).contains("NATS_URL=" + url);
        script("stop");
        try (var files = Files.list(dir)) {
            assertThat(files.filter(p -> p.toString().endsWith(".pid")).map(ClusterScriptIT::alive).toList())
                    .as("nodes running after stop").hasSize(3).containsOnly(false);
        }
    }

    private static boolean alive(Path pidFile) {
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code scripts/cluster.sh <command> DIR args...}; returns its output, failing on a non-zero exit. */
    private String script(String command, String... args) throws Exception {
        List<String> line = new ArrayList<>(List.of("bash", locate().toString(), command, dir.toString()));
        line.addAll(List.of(args));
        Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
        if (!p.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("cluster.sh " + command + " did not finish within " + SCRIPT_TIMEOUT);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("cluster.sh %s exit; output:%n%s", command, out).isZero();
        return out;
    }

    private static Path locate() {
        for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("scripts/cluster.sh"))) {
                return d.resolve("scripts/cluster.sh");
            }
        }
        throw new IllegalStateException("no scripts/cluster.sh above " + Paths.get("").toAbsolutePath());
    }

    /** A first client port whose three client, route and monitoring ports are free now. */
    private static int freeBase() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 40_000);
            if (free(base) && free(base + 2000) && free(base + 4000)) {
                return base;
            }
        }
        throw new IllegalStateException("no free block of ports for a scripted cluster");
    }

    private static boolean free(int first) {
        for (int port = first; port < first + 3; port++) {
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                s.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
