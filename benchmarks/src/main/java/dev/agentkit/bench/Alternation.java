package dev.agentkit.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Two sides of a comparison measured in turns (A, B, then B, A, ...) after one discarded warm-up
 * of each, so neither JIT warm-up nor a drift in the machine's load favours one side. Used by the
 * comparison rows (B1, B3, B6, B7, B8, B9) to fill their {@link Row}.
 *
 * @param a the samples of side A, in order
 * @param b the samples of side B, in order
 */
public record Alternation(List<Double> a, List<Double> b) {
    public Alternation {
        a = List.copyOf(a);
        b = List.copyOf(b);
    }

    /** Takes one warm-up sample of each side, then {@code reps} of each, alternating which goes first. */
    public static Alternation run(int reps, Sample sideA, Sample sideB) throws Exception {
        sideA.take();
        sideB.take();
        List<Double> a = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        for (int rep = 0; rep < reps; rep++) {
            if (rep % 2 == 0) {
                a.add(sideA.take());
                b.add(sideB.take());
            } else {
                b.add(sideB.take());
                a.add(sideA.take());
            }
        }
        return new Alternation(a, b);
    }

    /** The per-repetition ratios A / B. */
    public List<Double> ratios() {
        return Stats.ratios(a, b);
    }

    /** One measurement of one side (a rate or a time). */
    @FunctionalInterface
    public interface Sample {
        double take() throws Exception;
    }
}
