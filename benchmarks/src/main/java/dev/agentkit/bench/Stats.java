package dev.agentkit.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Medians and spreads of repeated measurements, used by every benchmark to fill its {@link Row}. */
public final class Stats {
    private Stats() {
    }

    public static double median(List<Double> samples) {
        List<Double> s = new ArrayList<>(samples);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    /** (max - min) / median, in percent. */
    public static double spreadPercent(List<Double> samples) {
        double m = median(samples);
        return m == 0 ? 0 : (Collections.max(samples) - Collections.min(samples)) / m * 100;
    }

    /** Per-repetition ratios a[i] / b[i] of two alternated series. */
    public static List<Double> ratios(List<Double> a, List<Double> b) {
        List<Double> r = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            r.add(a.get(i) / b.get(i));
        }
        return r;
    }

    public static String human(double perSecond) {
        if (perSecond >= 1e6) {
            return String.format("%.2fM", perSecond / 1e6);
        }
        if (perSecond >= 1e3) {
            return String.format("%.1fk", perSecond / 1e3);
        }
        return String.format("%.0f", perSecond);
    }

    /** A ratio for the table: two decimals, or {@code 1/N} when it is below 0.1. */
    public static String ratio(double r) {
        return r >= 0.1 || r <= 0 ? String.format("%.2f", r) : String.format("1/%.0f", 1 / r);
    }
}
