package org.ember.geo.emerging;

import java.util.Arrays;
import org.ember.geo.math.SignificantZ;
import org.ember.geo.math.StandardNormal;

/**
 * The Mann–Kendall trend test on a series in time order (Mann 1945, Kendall 1975), as in Gilbert
 * (1987, §16.4) and R {@code trend::mk.test}:
 * <ul>
 *   <li>S = Σ_(i&lt;j) sign(x_j − x_i);</li>
 *   <li>Var(S) = [n(n−1)(2n+5) − Σ_g t_g(t_g−1)(2t_g+5)] / 18, the sum over groups of t_g tied values;</li>
 *   <li>Z = (S − 1)/√Var(S) if S &gt; 0, (S + 1)/√Var(S) if S &lt; 0, 0 if S = 0 (continuity correction);</li>
 *   <li>p = two-sided normal p-value of Z;</li>
 *   <li>tau = S / √(n₀ (n₀ − n₁)) with n₀ = n(n−1)/2 and n₁ = Σ_g t_g(t_g−1)/2: Kendall's tau-b
 *       between the series and time (times are never tied), the tau that R {@code Kendall::MannKendall}
 *       reports.</li>
 * </ul>
 * With fewer than 3 values (or all values tied) there is no test: tau and p are NaN.
 */
public final class MannKendall {
    private MannKendall() {}

    /** The test outcome. */
    public record Result(long s, double varianceS, double z, double tau, double p) {
        /** True when the series rises (S &gt; 0) with p ≤ alpha. */
        public boolean increasing(double alpha) {
            return s > 0 && p <= alpha;
        }

        /** True when the series falls (S &lt; 0) with p ≤ alpha. */
        public boolean decreasing(double alpha) {
            return s < 0 && p <= alpha;
        }
    }

    /**
     * The direction of a significant trend: 1 when {@code test(series).increasing(alpha)}, −1 when
     * {@code decreasing(alpha)}, else 0, with {@code significant} at that alpha; the same S, ties and
     * variance, and erfc only for z near the critical value ({@link SignificantZ}).
     */
    public static int significantTrend(double[] series, SignificantZ significant) {
        int n = series.length;
        long s = statistic(series);
        if (s == 0 || n < 3) {
            return 0; // z = 0 (p = 1), or no test
        }
        double variance = variance(series, n);
        if (!(variance > 0)) {
            return 0;
        }
        double z = s > 0 ? (s - 1) / Math.sqrt(variance) : (s + 1) / Math.sqrt(variance);
        return significant.test(z) ? (s > 0 ? 1 : -1) : 0;
    }

    /** S: concordant minus discordant pairs (ties count 0); a NaN has no order and is refused. */
    private static long statistic(double[] series) {
        int n = series.length;
        for (double v : series) {
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException("Mann-Kendall series contains NaN");
            }
        }
        long s = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                s += series[j] > series[i] ? 1 : series[j] < series[i] ? -1 : 0;
            }
        }
        return s;
    }

    /** Var(S) with the ties correction. */
    private static double variance(double[] series, int n) {
        return Ties.of(series).variance(n);
    }

    /** The groups of equal values: Σ t(t−1)(2t+5) for Var(S) and the tied pairs for tau-b. */
    private record Ties(double varianceTerm, double tiedPairs) {
        static Ties of(double[] series) {
            int n = series.length;
            double[] sorted = series.clone();
            Arrays.sort(sorted);
            double varianceTerm = 0;
            double tiedPairs = 0;
            for (int i = 0; i < n; ) {
                int j = i;
                while (j < n && sorted[j] == sorted[i]) {
                    j++;
                }
                double t = j - i;
                varianceTerm += t * (t - 1) * (2 * t + 5);
                tiedPairs += t * (t - 1) / 2;
                i = j;
            }
            return new Ties(varianceTerm, tiedPairs);
        }

        double variance(int n) {
            return ((double) n * (n - 1) * (2.0 * n + 5) - varianceTerm) / 18.0;
        }
    }

    public static Result test(double[] series) {
        int n = series.length;
        long s = statistic(series);
        Ties ties = Ties.of(series);
        double tiedPairs = ties.tiedPairs();
        double variance = ties.variance(n);
        double pairs = n * (n - 1) / 2.0;
        if (n < 3 || !(variance > 0)) {
            return new Result(s, variance, Double.NaN, Double.NaN, Double.NaN);
        }
        double z = s > 0 ? (s - 1) / Math.sqrt(variance) : s < 0 ? (s + 1) / Math.sqrt(variance) : 0.0;
        double tau = s / Math.sqrt(pairs * (pairs - tiedPairs));
        return new Result(s, variance, z, tau, StandardNormal.twoSidedP(z));
    }
}
