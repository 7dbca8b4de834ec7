package org.ember.geo.aberration;

import java.util.ArrayList;
import java.util.List;

/**
 * One-sided standardised Poisson CUSUM, the variant of R {@code surveillance::algo.cusum} with
 * {@code trans = "standard"}:
 *
 * <pre>
 *   z_t = (y_t − m) / √m                       (Poisson standardisation)
 *   S_t = max(0, S_{t−1} + z_t − k),  S_0 = 0
 *   alarm when S_t ≥ h
 *   upper bound U_t = ⌈√m·(h + k − S_{t−1}) + m⌉   (smallest count that alarms), floored at 0
 * </pre>
 *
 * where m is the mean of the training days before the first monitored day (R's default when
 * {@code m = NULL}) or a value given. R's defaults are k = 1.04, h = 2.26. The CUSUM is not reset
 * after an alarm (as in R).
 */
public final class StandardizedCusum {
    private final double k;
    private final double h;

    public StandardizedCusum(double k, double h) {
        if (!(k >= 0) || !(h > 0)) {
            throw new IllegalArgumentException("k >= 0 and h > 0 needed");
        }
        this.k = k;
        this.h = h;
    }

    /**
     * Monitors days {@code firstMonitored..end}; m is the mean of days before {@code firstMonitored}.
     */
    public List<DailyAssessment> assess(long[] counts, int firstMonitored) {
        if (firstMonitored < 1 || firstMonitored >= counts.length) {
            throw new IllegalArgumentException("need at least one training day and one monitored day");
        }
        double sum = 0;
        for (int i = 0; i < firstMonitored; i++) {
            sum += counts[i];
        }
        return assess(counts, firstMonitored, sum / firstMonitored);
    }

    /** Monitors days {@code firstMonitored..end} against a known in-control mean m. */
    public List<DailyAssessment> assess(long[] counts, int firstMonitored, double m) {
        if (!(m > 0)) {
            throw new IllegalArgumentException("in-control mean must be positive, got " + m);
        }
        List<DailyAssessment> out = new ArrayList<>();
        double previous = 0;
        double sd = Math.sqrt(m);
        for (int t = firstMonitored; t < counts.length; t++) {
            double z = (counts[t] - m) / sd;
            double s = Math.max(0, previous + z - k);
            double upper = Math.max(0, Math.ceil(sd * (h + k - previous) + m));
            out.add(new DailyAssessment(t, counts[t], s, upper, s >= h));
            previous = s;
        }
        return out;
    }
}
