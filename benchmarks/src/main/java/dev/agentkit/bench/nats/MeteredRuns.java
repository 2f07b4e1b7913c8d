package dev.agentkit.bench.nats;

import dev.agentkit.bench.Alternation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * B1's and B8's comparison of the turn side with the raw loop: {@link Alternation}'s samples,
 * with what each timed drain cost in CPU per message ({@link NatsBench#lastCpu}), which the rows'
 * JSON details report for both sides.
 */
final class MeteredRuns {
    private final List<CpuMeter.PerMessage> agentCpu = new ArrayList<>();
    private final List<CpuMeter.PerMessage> rawCpu = new ArrayList<>();
    private final Alternation runs;

    private MeteredRuns(NatsBench nats, int reps, Alternation.Sample agent, Alternation.Sample raw) throws Exception {
        runs = Alternation.run(reps, () -> taken(nats, agent, agentCpu), () -> taken(nats, raw, rawCpu));
    }

    /** Runs {@code reps} alternating repetitions of each side, each a drain timed by {@code nats}. */
    static MeteredRuns run(NatsBench nats, int reps, Alternation.Sample agent, Alternation.Sample raw)
            throws Exception {
        return new MeteredRuns(nats, reps, agent, raw);
    }

    Alternation runs() {
        return runs;
    }

    /** Puts each side's JVM and server CPU per message, one figure per measured drain, in {@code details}. */
    void putCpu(Map<String, Object> details) {
        details.put("agentJvmCpuMicrosPerMsg", micros(agentCpu, CpuMeter.PerMessage::jvmMicros));
        details.put("rawJvmCpuMicrosPerMsg", micros(rawCpu, CpuMeter.PerMessage::jvmMicros));
        details.put("serverCpuMicrosPerMsgForAgent", micros(agentCpu, CpuMeter.PerMessage::serverMicros));
        details.put("serverCpuMicrosPerMsgForRaw", micros(rawCpu, CpuMeter.PerMessage::serverMicros));
    }

    private static double taken(NatsBench nats, Alternation.Sample side, List<CpuMeter.PerMessage> cpu)
            throws Exception {
        double rate = side.take();
        cpu.add(nats.lastCpu());
        return rate;
    }

    /** One figure of each measured drain's reading (Alternation's discarded warm-up left out), to 0.01 µs. */
    private static List<Double> micros(List<CpuMeter.PerMessage> readings, ToDoubleFunction<CpuMeter.PerMessage> figure) {
        return readings.stream().skip(1).map(r -> Math.round(figure.applyAsDouble(r) * 100) / 100.0).toList();
    }
}
