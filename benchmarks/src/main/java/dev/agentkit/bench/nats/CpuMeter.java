package dev.agentkit.bench.nats;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.LongStream;

/**
 * The CPU a drain cost, per message: this JVM's (every thread: the drain, jnats' reader and
 * writer, the collector) and the nats-server's this JVM started, read before and after the drain.
 * Less noisy than a rate on a machine whose speed drifts, and it says which side of the wire the
 * time went to. B1 reports both for each side. The server's is read from Linux's
 * {@code /proc/<pid>/stat} (user and system clock ticks, 100 a second), summed over this JVM's
 * {@code nats-server} child processes; elsewhere, or against a server this JVM did not start,
 * it is -1.
 */
final class CpuMeter {
    private static final double MICROS_PER_TICK = 10_000;
    private final long jvmNanos;
    private final long serverTicks;

    private CpuMeter(long jvmNanos, long serverTicks) {
        this.jvmNanos = jvmNanos;
        this.serverTicks = serverTicks;
    }

    /** A reading of both now. */
    static CpuMeter start() {
        return new CpuMeter(jvmCpuNanos(), serverTicks());
    }

    /** µs of CPU per message since {@link #start} over {@code messages} messages. */
    PerMessage perMessage(int messages) {
        long server = serverTicks();
        double serverMicros = serverTicks < 0 || server < 0 ? -1 : (server - serverTicks) * MICROS_PER_TICK / messages;
        return new PerMessage((jvmCpuNanos() - jvmNanos) / 1e3 / messages, serverMicros);
    }

    /**
     * What one drain cost per message.
     *
     * @param jvmMicros    µs of this JVM's CPU
     * @param serverMicros µs of the server's CPU; -1 when it could not be read
     */
    record PerMessage(double jvmMicros, double serverMicros) {
    }

    private static long jvmCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long serverTicks() {
        long[] each = ProcessHandle.current().children()
                .filter(p -> p.info().command().orElse("").endsWith("nats-server"))
                .mapToLong(p -> ticksOf(p.pid())).filter(t -> t >= 0).toArray();
        return each.length == 0 ? -1 : LongStream.of(each).sum();
    }

    /** utime + stime of {@code pid}, or -1 when {@code /proc} cannot tell. */
    private static long ticksOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the fields after the command's closing parenthesis: state is the first, utime the 12th
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
