package org.ember.geo.hotspot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.ember.geo.math.FalseDiscoveryRate;
import org.ember.geo.math.StandardNormal;
import org.ember.geo.neighbours.NeighbourList;

/**
 * Getis–Ord local statistics Gi and Gi* (Ord &amp; Getis 1995), in the standardised form that R
 * {@code spdep::localG} returns; reference tests hold the two to 1e-9.
 *
 * <p>For feature i with weights w_ij over its neighbourhood (plus i itself for Gi*), n features,
 * W_i = Σ_j w_ij and S1_i = Σ_j w_ij²:
 * <ul>
 *   <li>Gi*: x̄ = mean of all x, s² = Σ(x − x̄)²/n,
 *       z_i = (Σ_j w_ij x_j − W_i x̄) / sqrt(s² (n S1_i − W_i²)/(n − 1)).</li>
 *   <li>Gi: x̄_i and s_i² are the mean and (population) variance of the other n − 1 values,
 *       z_i = (Σ_j w_ij x_j − W_i x̄_i) / sqrt(s_i² ((n − 1) S1_i − W_i²)/(n − 2)).</li>
 * </ul>
 * Binary weights are 1; row-standardised weights are 1/k over the k members of the neighbourhood
 * (for Gi* the feature itself is a member, as with {@code nb2listw(include.self(nb), style = "W")}).
 * p is two-sided from the normal distribution. Where the variance is zero (no neighbours for Gi,
 * or all values equal) z and p are NaN and the bin is 0, as spdep returns NaN.
 */
public final class GetisOrd {
    private GetisOrd() {}

    /** Computes Gi or Gi* for every feature; {@code values[i]} belongs to feature i of {@code neighbours}. */
    public static List<HotSpot> compute(double[] values, NeighbourList neighbours, GiOptions options) {
        int n = values.length;
        if (neighbours.size() != n) {
            throw new IllegalArgumentException(n + " values but " + neighbours.size() + " neighbour lists");
        }
        if (n < 3) {
            throw new IllegalArgumentException("Gi needs at least 3 features, got " + n);
        }
        double[] z = options.includeSelf() ? giStar(values, neighbours, options.weighting())
                : gi(values, neighbours, options.weighting());
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = StandardNormal.twoSidedP(z[i]);
        }
        double[] significance = options.falseDiscoveryRate() ? FalseDiscoveryRate.benjaminiHochberg(p) : p;
        List<HotSpot> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            result.add(new HotSpot(z[i], p[i], significance[i], ConfidenceBin.of(z[i], significance[i])));
        }
        return Collections.unmodifiableList(result);
    }

    /**
     * The Gi* z-scores alone, as {@link #compute} with {@link GiOptions#giStar()}-like options
     * gives them (NaN where the variance is zero), for callers that need no p-values or bins.
     */
    public static double[] giStarZ(double[] values, NeighbourList neighbours, Weighting weighting) {
        if (neighbours.size() != values.length) {
            throw new IllegalArgumentException(values.length + " values but " + neighbours.size() + " neighbour lists");
        }
        if (values.length < 3) {
            throw new IllegalArgumentException("Gi needs at least 3 features, got " + values.length);
        }
        return giStar(values, neighbours, weighting);
    }

    private static double[] giStar(double[] x, NeighbourList neighbours, Weighting weighting) {
        int n = x.length;
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= n;
        double variance = variance(x, mean);
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            int members = neighbours.count(i) + 1;
            double sum = neighbours.sumOver(i, x) + x[i];
            double lag;
            double w;
            double s1;
            if (weighting == Weighting.BINARY) {
                lag = sum;
                w = members;
                s1 = members;
            } else {
                lag = sum / members;
                w = 1.0;
                s1 = 1.0 / members;
            }
            double var = variance * ((n * s1 - w * w) / (n - 1));
            z[i] = standardise(lag - w * mean, var);
        }
        return z;
    }

    /**
     * The population variance Σ(x − x̄)²/n. For whole numbers (counts) it is computed exactly from
     * integer sums, {@link #countVariance}, with one rounding: more accurate than two passes in
     * doubles, and the same bits a running count of n, Σx and Σx² gives, so that a live Gi*
     * that keeps those sums agrees with this one exactly.
     */
    static double variance(double[] x, double mean) {
        long sum = 0;
        long squares = 0;
        boolean counts = true;
        for (double v : x) {
            if (v != Math.rint(v) || Math.abs(v) > 1e9) {
                counts = false;
                break;
            }
            sum += (long) v;
            squares += (long) v * (long) v;
        }
        if (counts && squares < (1L << 53) / Math.max(1, x.length)) {
            return countVariance(x.length, sum, squares);
        }
        double total = 0;
        for (double v : x) {
            total += (v - mean) * (v - mean);
        }
        return total / x.length;
    }

    /**
     * The population variance of n whole numbers from their sum and sum of squares:
     * (n Σx² − (Σx)²) / n², exact up to the one rounding of the division while n Σx² stays below
     * 2⁵³ (the callers check).
     */
    public static double countVariance(long n, long sum, long sumOfSquares) {
        long numerator = n * sumOfSquares - sum * sum;
        return (double) numerator / ((double) n * (double) n);
    }

    private static double[] gi(double[] x, NeighbourList neighbours, Weighting weighting) {
        int n = x.length;
        double total = 0;
        double totalSquares = 0;
        for (double v : x) {
            total += v;
            totalSquares += v * v;
        }
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            int members = neighbours.count(i);
            if (members == 0) {
                z[i] = Double.NaN;
                continue;
            }
            double meanOthers = (total - x[i]) / (n - 1);
            double varianceOthers = (totalSquares - x[i] * x[i]) / (n - 1) - meanOthers * meanOthers;
            double sum = neighbours.sumOver(i, x);
            double lag;
            double w;
            double s1;
            if (weighting == Weighting.BINARY) {
                lag = sum;
                w = members;
                s1 = members;
            } else {
                lag = sum / members;
                w = 1.0;
                s1 = 1.0 / members;
            }
            double var = varianceOthers * (((n - 1) * s1 - w * w) / (n - 2));
            z[i] = standardise(lag - w * meanOthers, var);
        }
        return z;
    }

    private static double standardise(double deviation, double variance) {
        return variance > 0 ? deviation / Math.sqrt(variance) : Double.NaN;
    }
}
