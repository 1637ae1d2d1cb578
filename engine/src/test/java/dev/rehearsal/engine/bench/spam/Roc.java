package dev.rehearsal.engine.bench.spam;

import java.util.Arrays;

/** Ranking and threshold figures of a score against labels: ROC AUC, and precision/recall/FPR at a cut. */
public final class Roc {
    private Roc() {
    }

    /** Area under the ROC curve by the rank-sum (Mann-Whitney) formula; ties count half. NaN without both classes. */
    public static double auc(double[] scores, boolean[] spam) {
        int n = scores.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        Arrays.sort(idx, (a, b) -> Double.compare(scores[a], scores[b]));
        double rankSumPos = 0;
        long pos = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && scores[idx[j]] == scores[idx[i]]) j++;
            double midRank = (i + 1 + j) / 2.0; // ranks i+1..j share their mean
            for (int k = i; k < j; k++) if (spam[idx[k]]) {
                rankSumPos += midRank;
                pos++;
            }
            i = j;
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) return Double.NaN;
        return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    /** Counts when everything scoring at least {@code cut} is flagged. */
    public record AtCut(int tp, int fp, int fn, int tn) {
        public double precision() {
            return tp + fp == 0 ? Double.NaN : (double) tp / (tp + fp);
        }

        public double recall() {
            return tp + fn == 0 ? Double.NaN : (double) tp / (tp + fn);
        }

        public double falsePositiveRate() {
            return fp + tn == 0 ? Double.NaN : (double) fp / (fp + tn);
        }
    }

    public static AtCut at(double[] scores, boolean[] spam, double cut) {
        int tp = 0, fp = 0, fn = 0, tn = 0;
        for (int i = 0; i < scores.length; i++) {
            boolean flagged = scores[i] >= cut;
            if (spam[i]) {
                if (flagged) tp++;
                else fn++;
            } else if (flagged) fp++;
            else tn++;
        }
        return new AtCut(tp, fp, fn, tn);
    }
}
