package org.ember.geo.evaluation;

/**
 * Least squares with unit and period fixed effects on a balanced panel, with standard errors
 * clustered by unit.
 *
 * <p>The model is {@code y_it = α_i + γ_t + Σ_k β_k x_kit + ε_it}. On a balanced panel the two-way
 * within transformation {@code z̃_it = z_it − z̄_i· − z̄_·t + z̄··} projects exactly off both sets of
 * dummies, so by Frisch–Waugh–Lovell the β and the residuals equal those of the full dummy
 * regression (R: {@code lm(y ~ x + factor(unit) + factor(period))}) without building it. The
 * cluster-robust covariance is the CR1 sandwich of R's {@code sandwich::vcovCL(type = "HC1")}:
 * {@code G/(G−1) · (N−1)/(N−K) · B⁻¹ (Σ_g s_g s_gᵀ) B⁻¹} with {@code B = X̃ᵀX̃},
 * {@code s_g = Σ_t x̃_gt e_gt} and {@code K = G + T − 1 + k} (every parameter of the dummy
 * regression).
 */
public final class TwoWayFixedEffects {
    private TwoWayFixedEffects() {}

    /**
     * @param beta        coefficients, one per regressor
     * @param covariance  cluster-robust (CR1) covariance of beta
     * @param residuals   residuals of the full model, [unit][period]
     * @param clusters    number of units (clusters)
     * @param observations number of unit-periods
     * @param parameters  parameters of the full dummy regression
     */
    public record Fit(double[] beta, double[][] covariance, double[][] residuals, int clusters, int observations, int parameters) {
        public double standardError(int k) {
            return Math.sqrt(covariance[k][k]);
        }
    }

    /**
     * @param y          outcome, [unit][period], balanced
     * @param regressors regressors, [k][unit][period]
     */
    public static Fit fit(double[][] y, double[][][] regressors) {
        int g = y.length;
        if (g < 2) {
            throw new IllegalArgumentException("at least two units needed");
        }
        int t = y[0].length;
        int k = regressors.length;
        double[][] yt = demean(y);
        double[][][] xt = new double[k][][];
        for (int j = 0; j < k; j++) {
            if (regressors[j].length != g || regressors[j][0].length != t) {
                throw new IllegalArgumentException("regressor " + j + " does not have the outcome's shape");
            }
            xt[j] = demean(regressors[j]);
        }
        double[][] b = new double[k][k];
        double[] xy = new double[k];
        for (int i = 0; i < g; i++) {
            for (int s = 0; s < t; s++) {
                for (int j = 0; j < k; j++) {
                    xy[j] += xt[j][i][s] * yt[i][s];
                    for (int l = 0; l <= j; l++) {
                        b[j][l] += xt[j][i][s] * xt[l][i][s];
                    }
                }
            }
        }
        for (int j = 0; j < k; j++) {
            for (int l = j + 1; l < k; l++) {
                b[j][l] = b[l][j];
            }
        }
        double[][] bInv = SmallMatrix.inverse(b);
        double[] beta = new double[k];
        for (int j = 0; j < k; j++) {
            for (int l = 0; l < k; l++) {
                beta[j] += bInv[j][l] * xy[l];
            }
        }
        double[][] residuals = new double[g][t];
        double[][] meat = new double[k][k];
        for (int i = 0; i < g; i++) {
            double[] score = new double[k];
            for (int s = 0; s < t; s++) {
                double e = yt[i][s];
                for (int j = 0; j < k; j++) {
                    e -= beta[j] * xt[j][i][s];
                }
                residuals[i][s] = e;
                for (int j = 0; j < k; j++) {
                    score[j] += xt[j][i][s] * e;
                }
            }
            for (int j = 0; j < k; j++) {
                for (int l = 0; l < k; l++) {
                    meat[j][l] += score[j] * score[l];
                }
            }
        }
        int n = g * t;
        int p = g + t - 1 + k;
        if (n <= p) {
            throw new IllegalArgumentException("too few observations (" + n + ") for " + p + " parameters");
        }
        double adjust = (double) g / (g - 1) * (n - 1.0) / (n - p);
        double[][] v = SmallMatrix.multiply(SmallMatrix.multiply(bInv, meat), bInv);
        for (int j = 0; j < k; j++) {
            for (int l = 0; l < k; l++) {
                v[j][l] *= adjust;
            }
        }
        return new Fit(beta, v, residuals, g, n, p);
    }

    /** Two-way within transformation of a balanced panel. */
    static double[][] demean(double[][] z) {
        int g = z.length;
        int t = z[0].length;
        double[] unitMean = new double[g];
        double[] periodMean = new double[t];
        double grand = 0;
        for (int i = 0; i < g; i++) {
            if (z[i].length != t) {
                throw new IllegalArgumentException("unbalanced panel: unit " + i + " has " + z[i].length + " periods, not " + t);
            }
            for (int s = 0; s < t; s++) {
                unitMean[i] += z[i][s];
                periodMean[s] += z[i][s];
                grand += z[i][s];
            }
        }
        for (int i = 0; i < g; i++) {
            unitMean[i] /= t;
        }
        for (int s = 0; s < t; s++) {
            periodMean[s] /= g;
        }
        grand /= (double) g * t;
        double[][] out = new double[g][t];
        for (int i = 0; i < g; i++) {
            for (int s = 0; s < t; s++) {
                out[i][s] = z[i][s] - unitMean[i] - periodMean[s] + grand;
            }
        }
        return out;
    }
}
