package dev.rehearsal.engine.stats;

import org.apache.commons.math3.distribution.HypergeometricDistribution;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Comparing two rates the way an experimenter would: Fisher's exact test (two-sided, from the
 * hypergeometric distribution of commons-math3 — exact at any sample size, unlike a z-test), and
 * Holm's step-down correction over every comparison made, so that checking fifty rates a night does not
 * turn chance into fifty alarms.
 */
public final class RateComparison {
    private RateComparison() {
    }

    /** Two-sided p-value that {@code a} of {@code n} and {@code b} of {@code m} come from the same rate. */
    public static double fisher(int a, int n, int b, int m) {
        if (n <= 0 || m <= 0) return 1.0;
        int successes = a + b, total = n + m;
        if (successes == 0 || successes == total) return 1.0;
        HypergeometricDistribution h = new HypergeometricDistribution(null, total, successes, n);
        double observed = h.probability(a);
        double p = 0;
        int lo = Math.max(0, successes - m), hi = Math.min(n, successes);
        for (int k = lo; k <= hi; k++) {
            double pk = h.probability(k);
            // Tables as or less likely than the observed one (with a little slack for rounding).
            if (pk <= observed * (1 + 1e-7)) p += pk;
        }
        return Math.min(1.0, p);
    }

    /** Holm-adjusted p-values, in the input order: min(1, max over earlier ranks of (m − rank) × p). */
    public static double[] holm(double[] p) {
        int m = p.length;
        Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double[] out = new double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            int i = order[rank];
            running = Math.max(running, Math.min(1.0, (m - rank) * p[i]));
            out[i] = running;
        }
        return out;
    }
}
