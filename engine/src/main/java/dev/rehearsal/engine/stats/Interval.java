package dev.rehearsal.engine.stats;

import org.apache.commons.math3.stat.interval.ConfidenceInterval;
import org.apache.commons.math3.stat.interval.WilsonScoreInterval;

/**
 * A Wilson score interval for a pass rate (commons-math3), which behaves at 0 and 1 successes and for
 * a handful of trials where the normal approximation does not. {@code confidence} is the level it
 * was computed at (0.95 for a fixed number of walks; higher per look under the sequential rule).
 */
public record Interval(double low, double high, double confidence) {
    private static final WilsonScoreInterval WILSON = new WilsonScoreInterval();

    public static Interval wilson(int successes, int trials, double confidence) {
        if (trials <= 0) return new Interval(0, 1, confidence);
        ConfidenceInterval ci = WILSON.createInterval(trials, successes, confidence);
        return new Interval(round(Math.max(0, ci.getLowerBound())), round(Math.min(1, ci.getUpperBound())), confidence);
    }

    /** Four decimals: enough for a reader, and stable bytes in the JSON report. */
    public static double round(double x) {
        return Math.round(x * 10_000) / 10_000.0;
    }
}
