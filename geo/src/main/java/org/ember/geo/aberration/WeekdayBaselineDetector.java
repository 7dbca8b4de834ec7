package org.ember.geo.aberration;

import java.util.ArrayList;
import java.util.List;
import org.ember.geo.numeric.Distributions;

/**
 * A day-of-week-aware daily detector: the baseline for day t is the same weekday in each of the
 * previous {@code weeks} weeks (t−7, t−14, …), so a Saturday is compared with Saturdays only.
 *
 * <p>With baseline mean m and sample variance v: if v &gt; m the count is modelled as negative
 * binomial with the same mean and variance (size = m²/(v − m)), otherwise as Poisson(m). To keep a
 * quiet history from giving a zero bound, m is floored at {@code 0.5/weeks} (half a case over the
 * baseline). The upper bound is the (1 − α) quantile; an alarm is {@code y > upper bound}. The
 * statistic is the exceedance probability P(Y ≥ y) under that model (small = unusual).
 * History needed: {@code 7·weeks} days before the first assessed day.
 */
public final class WeekdayBaselineDetector {
    private final int weeks;
    private final double alpha;

    public WeekdayBaselineDetector(int weeks, double alpha) {
        if (weeks < 2) {
            throw new IllegalArgumentException("need at least 2 baseline weeks, got " + weeks);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1)");
        }
        this.weeks = weeks;
        this.alpha = alpha;
    }

    public int firstAssessableIndex() {
        return 7 * weeks;
    }

    public List<DailyAssessment> assess(long[] counts) {
        List<DailyAssessment> out = new ArrayList<>();
        for (int t = firstAssessableIndex(); t < counts.length; t++) {
            double sum = 0;
            for (int i = 1; i <= weeks; i++) {
                sum += counts[t - 7 * i];
            }
            double mean = sum / weeks;
            double ss = 0;
            for (int i = 1; i <= weeks; i++) {
                double d = counts[t - 7 * i] - mean;
                ss += d * d;
            }
            double variance = ss / (weeks - 1);
            double m = Math.max(mean, 0.5 / weeks);
            double upper;
            double exceedance;
            if (variance > m) {
                double size = m * m / (variance - m);
                double prob = size / (size + m);
                upper = Distributions.negativeBinomialQuantile(1 - alpha, size, prob);
                exceedance = Distributions.negativeBinomialUpperTail(counts[t], size, prob);
            } else {
                upper = Distributions.poissonQuantile(1 - alpha, m);
                exceedance = Distributions.poissonUpperTail(counts[t], m);
            }
            out.add(new DailyAssessment(t, counts[t], exceedance, upper, counts[t] > upper));
        }
        return out;
    }
}
