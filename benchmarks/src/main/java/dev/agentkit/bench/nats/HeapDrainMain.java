package dev.agentkit.bench.nats;

import dev.agentkit.core.topology.Topology;
import dev.agentkit.core.turn.AgentRuntime;
import dev.agentkit.nats.JetStreamBroker;
import dev.agentkit.nats.connect.NatsConnectionConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * B5's forked JVM: drains the backlog {@link HeapDrainBenchmark} published through
 * {@link DrainAgent} turns while a thread samples the used heap every 2 ms, then prints one line
 * {@code HEAPDRAIN done=<n> seconds=<s> peakUsed=<bytes> poolPeaks=<bytes> afterLastGc=<bytes>}.
 * Arguments: server URL, agent, role, message count, fetch batch.
 */
public final class HeapDrainMain {
    private HeapDrainMain() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String agent = args[1];
        String role = args[2];
        int n = Integer.parseInt(args[3]);
        int batch = Integer.parseInt(args[4]);
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(2); // a sampling period, not a wait for a condition
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        long start = System.nanoTime();
        try (JetStreamBroker broker = JetStreamBroker.connect(NatsConnectionConfig.builder().servers(url).build())) {
            AgentRuntime runtime = AgentRuntime.builder(broker).topology(Topology.builder().maxMessages(1_000_000).build())
                    .build();
            new DrainAgent(agent, role, 10_000, batch, runtime).drain(n, Duration.ofMinutes(3));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        sampler.interrupt();
        long poolPeaks = 0;
        long afterLastGc = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                poolPeaks += pool.getPeakUsage().getUsed();
                MemoryUsage afterGc = pool.getCollectionUsage();
                afterLastGc += afterGc == null ? 0 : afterGc.getUsed();
            }
        }
        System.out.printf("HEAPDRAIN done=%d seconds=%.3f peakUsed=%d poolPeaks=%d afterLastGc=%d%n",
                n, seconds, peak.get(), poolPeaks, afterLastGc);
    }
}
