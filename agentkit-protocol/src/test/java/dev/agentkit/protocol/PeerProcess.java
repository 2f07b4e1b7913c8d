package dev.agentkit.protocol;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Python peer started by a test as a child process: its stdout lines are collected, its stderr
 * logged; {@link #kill()} ends this one process by its handle (SIGKILL), {@link #close()} too.
 */
final class PeerProcess implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PeerProcess.class);

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> all = new CopyOnWriteArrayList<>();

    private PeerProcess(Process process, String name) {
        this.process = process;
        pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), name, true);
        pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), name, false);
    }

    /** Starts {@code script} of src/test/python with {@code args} in the protocol SDKs' venv. */
    static PeerProcess python(String script, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Peers.python().toString(), "-u", Peers.script(script).toString()));
        command.addAll(List.of(args));
        return new PeerProcess(new ProcessBuilder(command).start(), script);
    }

    /** Starts {@code command} as is. */
    static PeerProcess of(List<String> command) throws IOException {
        return new PeerProcess(new ProcessBuilder(command).start(), command.get(0));
    }

    private void pump(BufferedReader reader, String name, boolean stdout) {
        Thread t = new Thread(() -> {
            try (reader) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (stdout) {
                        lines.add(line);
                        all.add(line);
                    }
                    log.info("[{} {}] {}", name, stdout ? "out" : "err", line);
                }
            } catch (IOException e) {
                log.debug("{} output closed: {}", name, e.getMessage());
            }
        }, "peer-" + name + (stdout ? "-out" : "-err"));
        t.setDaemon(true);
        t.start();
    }

    /** The next stdout line that starts with {@code prefix}, waiting at most {@code timeout}. */
    String awaitLine(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                throw new AssertionError("no line starting with '" + prefix + "' within " + timeout + "; got " + all);
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /** Every stdout line so far. */
    List<String> output() {
        return List.copyOf(all);
    }

    /** The exit code once the process ended within {@code timeout}. */
    Optional<Integer> awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? Optional.of(process.exitValue()) : Optional.empty();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL, as a crash would, and waits (bounded) for the end. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
