package org.ember.geo.density;

import java.util.Arrays;

/**
 * The default search radius of ArcGIS Pro's Kernel Density tool ("How Kernel Density works"),
 * a spatial variant of Silverman's rule of thumb:
 * <pre>
 *   h = 0.9 · min(SD, sqrt(1/ln 2) · Dm) · n^(−0.2)
 * </pre>
 * where SD is the standard distance of the points, sqrt(Σ(x − x̄)²/n + Σ(y − ȳ)²/n), and Dm is the
 * median Euclidean distance from the mean centre (x̄, ȳ). Points are unweighted here (ArcGIS uses
 * the population field as weights and n = Σ weights when one is given). The median of an even
 * number of distances is the mean of the middle two.
 */
public final class DefaultBandwidth {
    private static final double SQRT_INV_LN2 = Math.sqrt(1.0 / Math.log(2.0));

    private DefaultBandwidth() {}

    public static double of(double[] x, double[] y) {
        int n = x.length;
        if (n < 2 || y.length != n) {
            throw new IllegalArgumentException("the default bandwidth needs at least 2 points, got " + n);
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double squares = 0;
        double[] distances = new double[n];
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            squares += dx * dx + dy * dy;
            distances[i] = Math.sqrt(dx * dx + dy * dy);
        }
        double standardDistance = Math.sqrt(squares / n);
        double medianDistance = median(distances);
        double h = 0.9 * Math.min(standardDistance, SQRT_INV_LN2 * medianDistance) * Math.pow(n, -0.2);
        if (!(h > 0)) {
            throw new IllegalArgumentException("the default bandwidth is 0: the points have no spread"
                    + " (more than half coincide with their mean centre); give a bandwidth");
        }
        return h;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }
}
