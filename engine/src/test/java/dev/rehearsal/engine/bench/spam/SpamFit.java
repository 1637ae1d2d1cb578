package dev.rehearsal.engine.bench.spam;

import dev.rehearsal.engine.validate.SpamFeatures;
import dev.rehearsal.engine.validate.SpamScorer;
import dev.rehearsal.engine.validate.SpamWeights;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns labelled messages into shipped spam weights: fit a logistic regression over the rule features,
 * choose the warning cut for a stated false-positive rate on each training corpus's legitimate
 * messages, then scale log-odds to points so that cut lands on {@link SpamScorer#WARNING_AT}.
 */
public final class SpamFit {
    /** Most SMS ham (personal texts) a warning may flag on the training data; the bar is 2%. */
    public static final double MAX_SMS_HAM_FLAGGED = 0.015;
    /** Most legitimate marketing a warning may flag on the training data; the bar is 5%. */
    public static final double MAX_MARKETING_HAM_FLAGGED = 0.03;
    /**
     * A marketing message counts this many times in the likelihood: the marketing set is 20 times smaller
     * than the SMS collection but is the distinction the product exists for.
     */
    public static final double MARKETING_SAMPLE_WEIGHT = 4;
    /** L2 penalty: keeps a rule seen on a handful of messages from taking an unbounded weight. */
    public static final double LAMBDA = 1.0;
    /**
     * Rules that legitimate marketing uses too ("free", a deadline, capitals, several links). Each is
     * capped at {@link #SOFT_CAP} of the warning cut, so one of them alone never warns, two warn and
     * only three reach the error band (2 x 0.85 x 40 = 68 < 70).
     */
    public static final Set<String> SOFT_RULES = Set.of("free_offer", "urgency", "alarm_words", "cash", "too_good_to_be_true",
            "shouting", "excessive_punctuation", "click_here", "link_density");
    public static final double SOFT_CAP = 0.85;

    public record Result(SpamWeights weights, LogisticFit.Model model, double cutLogit) {
    }

    private SpamFit() {
    }

    /** Detection is the slow part of a fit; cross-validation refits on the same messages, so detect once. */
    private static final Map<LabelledMessage, boolean[]> FEATURES = java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

    public static boolean[] features(LabelledMessage m) {
        return FEATURES.computeIfAbsent(m, SpamFit::detect);
    }

    private static boolean[] detect(LabelledMessage m) {
        Map<String, String> hit = SpamFeatures.detect(m.scoredText(), m.channel());
        boolean[] x = new boolean[SpamFeatures.RULES.size()];
        for (int j = 0; j < x.length; j++) x[j] = hit.containsKey(SpamFeatures.RULES.get(j));
        return x;
    }

    public static Result fit(List<LabelledMessage> sms, List<LabelledMessage> marketing) {
        List<LabelledMessage> all = new ArrayList<>(sms);
        all.addAll(marketing);
        boolean[][] x = new boolean[all.size()][];
        boolean[] y = new boolean[all.size()];
        double[] w = new double[all.size()];
        for (int i = 0; i < all.size(); i++) {
            x[i] = features(all.get(i));
            y[i] = all.get(i).spam();
            w[i] = i < sms.size() ? 1 : MARKETING_SAMPLE_WEIGHT;
        }
        int d = SpamFeatures.RULES.size();
        double[] fixed = new double[d];
        java.util.Arrays.fill(fixed, Double.NaN);
        LogisticFit.Model model = LogisticFit.fit(x, y, w, LAMBDA, fixed);
        double cut = cut(model, x, y, sms.size());
        // Cap soft rules below the cut and refit the rest around them; the cut moves, so repeat until stable.
        for (int round = 0; round < 20; round++) {
            boolean changed = false;
            for (int j = 0; j < d; j++) {
                double cap = SOFT_CAP * cut;
                if (SOFT_RULES.contains(SpamFeatures.RULES.get(j)) && (model.weights()[j] > cap + 1e-6
                        || !Double.isNaN(fixed[j]) && Math.abs(fixed[j] - cap) > 1e-6 && model.weights()[j] >= fixed[j] - 1e-9)) {
                    fixed[j] = cap;
                    changed = true;
                }
            }
            if (!changed) break;
            model = LogisticFit.fit(x, y, w, LAMBDA, fixed);
            cut = cut(model, x, y, sms.size());
        }
        double pointsPerLogit = SpamScorer.WARNING_AT / cut;
        Map<String, Integer> points = new LinkedHashMap<>();
        for (int j = 0; j < SpamFeatures.RULES.size(); j++)
            points.put(SpamFeatures.RULES.get(j), (int) Math.round(model.weights()[j] * pointsPerLogit));
        return new Result(new SpamWeights(1, model.intercept(), pointsPerLogit, Map.copyOf(points)), model, cut);
    }

    /**
     * The cut on the summed rule weights (intercept left out): just under the lowest score that flags at
     * most the allowed share of each corpus's legitimate messages; rows before {@code smsCount} are the SMS corpus.
     */
    /** How many of the sorted values are at least {@code t} (within rounding). */
    private static int atOrAbove(double[] sorted, double t) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] >= t - 1e-9) hi = mid;
            else lo = mid + 1;
        }
        return sorted.length - lo;
    }

    private static double cut(LogisticFit.Model model, boolean[][] x, boolean[] y, int smsCount) {
        int n = x.length;
        double[] s = new double[n];
        for (int i = 0; i < n; i++) s[i] = model.logit(x[i]) - model.intercept();
        double[] smsHam = java.util.stream.IntStream.range(0, smsCount).filter(i -> !y[i]).mapToDouble(i -> s[i]).sorted().toArray();
        double[] mktHam = java.util.stream.IntStream.range(smsCount, n).filter(i -> !y[i]).mapToDouble(i -> s[i]).sorted().toArray();
        double best = Double.MAX_VALUE;
        for (int c = 0; c < n; c++) {
            double t = s[c];
            if (t <= 1e-9 || t >= best) continue;
            if (atOrAbove(smsHam, t) <= MAX_SMS_HAM_FLAGGED * smsHam.length && atOrAbove(mktHam, t) <= MAX_MARKETING_HAM_FLAGGED * mktHam.length)
                best = t;
        }
        if (best == Double.MAX_VALUE) throw new IllegalStateException("no cut meets the false-positive targets");
        // halfway down to the next lower score, so rounding weights to whole points moves no message across it
        double below = 0;
        for (double v : s) if (v < best - 1e-9) below = Math.max(below, v);
        return (best + below) / 2;
    }
}
