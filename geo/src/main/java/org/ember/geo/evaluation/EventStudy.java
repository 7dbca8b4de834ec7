package org.ember.geo.evaluation;

import org.ember.geo.numeric.Distributions;

/**
 * Event-study (dynamic) difference-in-differences: one coefficient per period for the treated
 * areas, relative to the last pre-period, {@code y_it = α_i + γ_t + Σ_{s≠ref} β_s·D_i·1[t=s] + ε_it}.
 * The pre-period coefficients are the pre-trend check: if the treated areas were already drifting
 * away from their comparison areas before the intervention, the difference-in-differences
 * assumption (parallel trends) is doubtful. The joint Wald test of the pre-period coefficients uses
 * the cluster-robust covariance (χ² with one degree of freedom per pre-period coefficient).
 */
public final class EventStudy {
    private EventStudy() {}

    /**
     * @param reference      index of the reference period (coefficient fixed at 0)
     * @param coefficients   β_s per period (0 at the reference)
     * @param standardErrors cluster-robust standard errors (0 at the reference)
     * @param preTrendWald   Wald statistic of the pre-period coefficients (NaN when there are none)
     * @param preTrendDf     its degrees of freedom
     * @param preTrendP      its p-value (NaN when there are none)
     */
    public record Result(int reference, double[] coefficients, double[] standardErrors, double preTrendWald, int preTrendDf,
            double preTrendP) {
        public double low(int s, double z) {
            return coefficients[s] - z * standardErrors[s];
        }

        public double high(int s, double z) {
            return coefficients[s] + z * standardErrors[s];
        }
    }

    public static Result estimate(Panel panel) {
        int t = panel.periods();
        int g = panel.units().size();
        int ref = panel.firstPost() - 1;
        double[][][] x = new double[t - 1][][];
        int[] period = new int[t - 1];
        int k = 0;
        for (int s = 0; s < t; s++) {
            if (s == ref) {
                continue;
            }
            double[][] xs = new double[g][t];
            for (int i = 0; i < g; i++) {
                if (panel.treated()[i]) {
                    xs[i][s] = 1;
                }
            }
            x[k] = xs;
            period[k++] = s;
        }
        TwoWayFixedEffects.Fit fit = TwoWayFixedEffects.fit(panel.counts(), x);
        double[] coef = new double[t];
        double[] se = new double[t];
        for (int j = 0; j < k; j++) {
            coef[period[j]] = fit.beta()[j];
            se[period[j]] = fit.standardError(j);
        }
        int pre = ref;
        if (pre == 0) {
            return new Result(ref, coef, se, Double.NaN, 0, Double.NaN);
        }
        double[][] v = new double[pre][pre];
        double[] b = new double[pre];
        for (int a = 0; a < pre; a++) {
            b[a] = fit.beta()[a];
            for (int c = 0; c < pre; c++) {
                v[a][c] = fit.covariance()[a][c];
            }
        }
        double wald;
        try {
            double[][] vi = SmallMatrix.inverse(v);
            wald = 0;
            for (int a = 0; a < pre; a++) {
                for (int c = 0; c < pre; c++) {
                    wald += b[a] * vi[a][c] * b[c];
                }
            }
        } catch (IllegalArgumentException singular) {
            // More pre-periods than clusters leave the clustered covariance singular: no joint test.
            return new Result(ref, coef, se, Double.NaN, pre, Double.NaN);
        }
        double p = Distributions.regularizedGammaQ(pre / 2.0, wald / 2.0);
        return new Result(ref, coef, se, wald, pre, p);
    }
}
