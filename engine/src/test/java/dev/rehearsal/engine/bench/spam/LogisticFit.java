package dev.rehearsal.engine.bench.spam;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * L2-regularised logistic regression over 0/1 rule features, fitted by iteratively reweighted least
 * squares (Newton's method; the linear solve is commons-math3's Cholesky decomposition). Deterministic:
 * no random start, so the same data gives the same weights. Weights are kept non-negative (a rule
 * never makes a message look cleaner, or spammers would add it): a rule whose weight comes out negative
 * is fixed at 0 and the rest refitted, until none is negative. A caller may also fix chosen weights at
 * given values (see {@link SpamFit}'s cap on soft rules); the others are then fitted around them.
 */
public final class LogisticFit {
    public record Model(double intercept, double[] weights) {
        public double logit(boolean[] x) {
            double z = intercept;
            for (int j = 0; j < x.length; j++) if (x[j]) z += weights[j];
            return z;
        }
    }

    private LogisticFit() {
    }

    /**
     * @param x       one row of rule features per message
     * @param y       true for spam
     * @param sample  weight of each message in the likelihood (to balance corpora of different sizes)
     * @param lambda  L2 penalty on the rule weights (not the intercept)
     * @param fixed   per rule, the value its weight is held at, or NaN to fit it
     */
    public static Model fit(boolean[][] x, boolean[] y, double[] sample, double lambda, double[] fixed) {
        int d = x[0].length;
        double[] hold = fixed.clone();
        while (true) {
            double[] beta = newton(x, y, sample, lambda, hold);
            int worst = -1;
            for (int j = 0; j < d; j++) if (Double.isNaN(hold[j]) && beta[j + 1] < 0 && (worst < 0 || beta[j + 1] < beta[worst + 1])) worst = j;
            if (worst < 0) {
                double[] w = new double[d];
                System.arraycopy(beta, 1, w, 0, d);
                return new Model(beta[0], w);
            }
            hold[worst] = 0;
        }
    }

    private static double[] newton(boolean[][] x, boolean[] y, double[] sample, double lambda, double[] hold) {
        int n = x.length, d = x[0].length, p = d + 1;
        double[] beta = new double[p];
        for (int j = 0; j < d; j++) if (!Double.isNaN(hold[j])) beta[j + 1] = hold[j];
        for (int iter = 0; iter < 100; iter++) {
            double[][] h = new double[p][p];
            double[] g = new double[p];
            for (int i = 0; i < n; i++) {
                double z = beta[0];
                for (int j = 0; j < d; j++) if (x[i][j]) z += beta[j + 1];
                double mu = 1 / (1 + Math.exp(-z));
                double r = sample[i] * ((y[i] ? 1 : 0) - mu);
                double wgt = sample[i] * mu * (1 - mu);
                int[] on = active(x[i]);
                g[0] += r;
                h[0][0] += wgt;
                for (int a : on) {
                    g[a + 1] += r;
                    h[0][a + 1] += wgt;
                    h[a + 1][0] += wgt;
                    for (int b : on) h[a + 1][b + 1] += wgt;
                }
            }
            for (int j = 1; j < p; j++) {
                g[j] -= lambda * beta[j];
                h[j][j] += lambda;
            }
            // a held weight does not move: identity row, zero step
            for (int j = 0; j < d; j++) if (!Double.isNaN(hold[j])) {
                for (int k = 0; k < p; k++) {
                    h[j + 1][k] = 0;
                    h[k][j + 1] = 0;
                }
                h[j + 1][j + 1] = 1;
                g[j + 1] = 0;
            }
            RealMatrix hm = new Array2DRowRealMatrix(h, false);
            RealVector step = new CholeskyDecomposition(hm).getSolver().solve(new ArrayRealVector(g, false));
            double max = 0;
            for (int j = 0; j < p; j++) {
                beta[j] += step.getEntry(j);
                max = Math.max(max, Math.abs(step.getEntry(j)));
            }
            if (max < 1e-9) break;
        }
        return beta;
    }

    private static int[] active(boolean[] row) {
        int c = 0;
        for (boolean b : row) if (b) c++;
        int[] out = new int[c];
        for (int j = 0, k = 0; j < row.length; j++) if (row[j]) out[k++] = j;
        return out;
    }
}
