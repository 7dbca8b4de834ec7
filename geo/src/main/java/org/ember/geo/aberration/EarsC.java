package org.ember.geo.aberration;

import java.util.ArrayList;
import java.util.List;
import org.ember.geo.numeric.Distributions;

/**
 * The CDC's Early Aberration Reporting System methods C1, C2 and C3, exactly as R
 * {@code surveillance::earsC} (1.20) computes them.
 *
 * <ul>
 *   <li>C1: baseline = the {@code baseline} days immediately before day t; upper bound
 *       {@code mean + z(1−α)·max(sd, minSigma)} (sd with n − 1).
 *   <li>C2: the same with a two-day guard band: baseline days t−baseline−2 .. t−3.
 *   <li>C3: with C2ᵢ = (yᵢ − meanᵢ)/sdᵢ of the C2 baseline, the upper bound is
 *       {@code y_t + sd_t·(z(1−α) − max(0, C2_{t−2} − 1) − max(0, C2_{t−1} − 1))}, floored at 0.
 * </ul>
 * An alarm is {@code y_t > upper bound}. The statistic reported is C1 or C2 (the standardised
 * residual) for those methods and, for C3, the EARS C3 sum {@code Σ_{i=t−2..t} max(0, C2ᵢ − 1)}.
 * R's defaults: baseline 7, α = 0.001 for C1/C2 and 0.025 for C3, minSigma 0.
 */
public final class EarsC {
    /** Which EARS method. */
    public enum Method {
        C1, C2, C3
    }

    private final Method method;
    private final int baseline;
    private final double alpha;
    private final double minSigma;

    public EarsC(Method method, int baseline, double alpha, double minSigma) {
        if (baseline < 3) {
            throw new IllegalArgumentException("Minimum baseline to use is 3, got " + baseline);
        }
        if (!(alpha > 0 && alpha < 1) || minSigma < 0) {
            throw new IllegalArgumentException("alpha in (0,1) and minSigma >= 0 needed");
        }
        this.method = method;
        this.baseline = baseline;
        this.alpha = alpha;
        this.minSigma = minSigma;
    }

    /** R's default α for a method: 0.001 for C1 and C2, 0.025 for C3. */
    public static double defaultAlpha(Method method) {
        return method == Method.C3 ? 0.025 : 0.001;
    }

    /** First 0-based day that has enough history. */
    public int firstAssessableIndex() {
        return switch (method) {
            case C1 -> baseline;
            case C2 -> baseline + 2;
            case C3 -> baseline + 4;
        };
    }

    /** Assesses every day from the first with enough history. */
    public List<DailyAssessment> assess(long[] counts) {
        double z = Distributions.normalQuantile(1 - alpha);
        List<DailyAssessment> out = new ArrayList<>();
        for (int t = firstAssessableIndex(); t < counts.length; t++) {
            double upper;
            double statistic;
            if (method == Method.C1 || method == Method.C2) {
                int lag = method == Method.C1 ? 1 : 3;
                double[] ms = meanSd(counts, t, lag);
                double sd = Math.max(ms[1], minSigma);
                upper = ms[0] + z * sd;
                statistic = (counts[t] - ms[0]) / sd;
            } else {
                double lag2 = Math.max(0, c2(counts, t - 2) - 1);
                double lag1 = Math.max(0, c2(counts, t - 1) - 1);
                double sd = Math.max(meanSd(counts, t, 3)[1], minSigma);
                upper = Math.max(0, counts[t] + sd * (z - (lag2 + lag1)));
                statistic = lag2 + lag1 + Math.max(0, c2(counts, t) - 1);
            }
            out.add(new DailyAssessment(t, counts[t], statistic, upper, counts[t] > upper));
        }
        return out;
    }

    private double c2(long[] counts, int t) {
        double[] ms = meanSd(counts, t, 3);
        return (counts[t] - ms[0]) / Math.max(ms[1], minSigma);
    }

    /** Mean and sample sd of the {@code baseline} days ending {@code lag} days before t. */
    private double[] meanSd(long[] counts, int t, int lag) {
        double sum = 0;
        for (int i = t - lag - baseline + 1; i <= t - lag; i++) {
            sum += counts[i];
        }
        double mean = sum / baseline;
        double ss = 0;
        for (int i = t - lag - baseline + 1; i <= t - lag; i++) {
            ss += (counts[i] - mean) * (counts[i] - mean);
        }
        return new double[] {mean, Math.sqrt(ss / (baseline - 1))};
    }
}
