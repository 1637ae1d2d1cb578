package dev.rehearsal.engine.stats;

/**
 * Judges one expectation for one persona from its valid walks (docs/REPORT.md, "Verdicts"):
 * <ul>
 * <li>{@code min_pass_rate} 1.0 (the default): any failing walk fails it; otherwise it passes.</li>
 * <li>below 1.0: pass when the interval's lower bound reaches the minimum, fail when its upper bound
 * is below it, else undecided (with how many walks at the observed rate would decide it).</li>
 * <li>inconclusive when no walk is valid, or fewer than half of the attempted walks are (walks are
 * excluded when the provider failed or a reply was out of character), unless a failure is already
 * certain from the valid ones.</li>
 * </ul>
 */
public record PassRate(int passes, int trials, int excluded, double minPassRate, Interval interval, Verdict verdict,
                       Integer walksNeeded, String reason) {

    public static PassRate judge(int passes, int trials, int excluded, double minPassRate, double confidence) {
        Interval iv = Interval.wilson(passes, trials, confidence);
        int attempted = trials + excluded;
        boolean fewValid = trials == 0 || trials * 2 < attempted;
        String few = trials == 0 ? "no valid walk (" + excluded + " excluded)"
                : "only " + trials + " of " + attempted + " walks were valid";
        if (minPassRate >= 1.0) {
            if (passes < trials) return new PassRate(passes, trials, excluded, minPassRate, iv, Verdict.FAIL, null,
                    (trials - passes) + " of " + trials + " walks failed; every walk must pass");
            if (fewValid) return new PassRate(passes, trials, excluded, minPassRate, iv, Verdict.INCONCLUSIVE, null, few);
            return new PassRate(passes, trials, excluded, minPassRate, iv, Verdict.PASS, null, null);
        }
        if (trials > 0 && iv.high() < minPassRate) return new PassRate(passes, trials, excluded, minPassRate, iv, Verdict.FAIL,
                null, "pass rate is below " + pct(minPassRate) + " with " + pct(confidence) + " confidence");
        if (fewValid) return new PassRate(passes, trials, excluded, minPassRate, iv, Verdict.INCONCLUSIVE, null, few);
        if (iv.low() >= minPassRate) return new PassRate(passes, trials, excluded, minPassRate, iv, Verdict.PASS, null, null);
        Integer needed = walksToDecide(passes, trials, minPassRate, confidence);
        return new PassRate(passes, trials, excluded, minPassRate, iv, Verdict.UNDECIDED, needed,
                "the interval straddles " + pct(minPassRate) + (needed == null ? "" : "; about " + needed
                        + " more walks at the observed rate would decide it"));
    }

    public double rate() {
        return trials == 0 ? 0 : Interval.round((double) passes / trials);
    }

    public boolean intermittent() {
        return passes > 0 && passes < trials;
    }

    /** More walks at the observed rate until the interval clears the minimum; null if none would (rate = minimum). */
    static Integer walksToDecide(int passes, int trials, double min, double confidence) {
        double p = (double) passes / trials;
        for (long n = trials * 2L; n <= 1_000_000; n = n * 3 / 2 + 1) {
            int s = (int) Math.round(p * n);
            Interval iv = Interval.wilson(s, (int) n, confidence);
            if (iv.low() >= min || iv.high() < min) {
                // Refine down to the first n that decides.
                long lo = n * 2 / 3, hi = n;
                while (lo + 1 < hi) {
                    long mid = (lo + hi) / 2;
                    Interval m = Interval.wilson((int) Math.round(p * mid), (int) mid, confidence);
                    if (m.low() >= min || m.high() < min) hi = mid; else lo = mid;
                }
                return (int) Math.max(1, hi - trials);
            }
        }
        return null;
    }

    static String pct(double x) {
        double v = x * 100;
        return (v == Math.rint(v) ? Long.toString(Math.round(v)) : String.format(java.util.Locale.ROOT, "%.1f", v)) + "%";
    }
}
