package org.ember.geo.scan;

/**
 * A Gumbel (extreme value type I) distribution fitted to replicate maxima by the method of moments,
 * as SaTScan's Gumbel p-values: scale β = s·√6/π, location μ = mean − γ·β; upper tail
 * P(X ≥ x) = 1 − exp(−exp(−(x − μ)/β)). It resolves p-values far below 1/(B + 1), where the
 * replications alone only say "smaller than all of them".
 */
public record GumbelTail(double location, double scale) {
    private static final double EULER_GAMMA = 0.5772156649015329;

    /** Fits the moments of {@code maxima}; null when fewer than 2 values or no spread. */
    public static GumbelTail fit(double[] maxima) {
        int n = maxima.length;
        if (n < 2) {
            return null;
        }
        double mean = 0;
        for (double m : maxima) {
            mean += m;
        }
        mean /= n;
        double ss = 0;
        for (double m : maxima) {
            ss += (m - mean) * (m - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        if (!(sd > 0)) {
            return null;
        }
        double scale = sd * Math.sqrt(6) / Math.PI;
        return new GumbelTail(mean - EULER_GAMMA * scale, scale);
    }

    /** P(X ≥ x), accurate in the far tail (−expm1 instead of 1 − exp). */
    public double upperTail(double x) {
        return -Math.expm1(-Math.exp(-(x - location) / scale));
    }
}
