package org.ember.geo.aberration;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.ember.geo.aberration.FarringtonControl.ThresholdMethod;
import org.ember.geo.numeric.Distributions;
import org.ember.geo.numeric.PoissonGlm;

/**
 * Farrington et al. (1996) and the improved algorithm of Noufaily et al. (2013) for weekly counts,
 * reproducing R {@code surveillance::farringtonFlexible} (version 1.20) step by step:
 *
 * <ol>
 *   <li>Reference weeks: the same week 1..b years back. With dates, each is the date one year
 *       earlier (R's {@code seq(by = "-1 year")}, so 29 February falls to 1 March) moved to the
 *       nearest week-start of the series; without dates, {@code k − 52·i}.
 *   <li>Data: windows of ±w weeks around each reference week (factor level {@code noPeriods});
 *       with {@code noPeriods > 1} the weeks between windows are split into {@code noPeriods − 1}
 *       blocks (the remainder spread over the first blocks). The current week and the
 *       {@code pastWeeksNotIncluded} weeks before it are dropped.
 *   <li>Quasi-Poisson log-linear GLM (intercept, optional trend, optional block factor) fitted as
 *       R's {@code glm} does; dispersion φ = max(Pearson χ²/df, 1).
 *   <li>Reweighting: Anscombe residuals s; weights γ·s⁻² where s &gt; threshold, γ otherwise, γ
 *       making the weights average 1; refit.
 *   <li>Trend kept only if b ≥ 3, its t-test p &lt; pThresholdTrend, and the prediction does not
 *       exceed the largest count in the fit; otherwise the model is refitted without it.
 *   <li>Threshold: {@link ThresholdMethod#DELTA} (normal on the 2/3-power scale with
 *       τ = φ + se²/μ₀), or the negative-binomial quantile of Noufaily ({@code nbPlugin} at μ₀,
 *       {@code muan} at the upper 1−α quantile of μ₀) with size μ/(φ−1), prob 1/φ (Poisson if φ = 1).
 *   <li>No threshold unless at least {@code limitCases} cases in the last {@code limitWeeks} weeks;
 *       alarm when the score (y − fit)/(U − fit) &gt; 1 and y &gt; 0.
 * </ol>
 *
 * <p>History needed: week k can be assessed once {@code k > 52·b + w} (R's default range start).
 */
public final class FarringtonFlexible {
    private static final int WEEKS_PER_YEAR = 52;
    private final FarringtonControl control;

    public FarringtonFlexible(FarringtonControl control) {
        this.control = control;
    }

    /** Assessment of one week. NaN fields mean "not computed" (R's NA). */
    public record Result(
            int index,
            LocalDate date,
            long observed,
            double expected,
            double upperBound,
            double score,
            double exceedanceProbability,
            double dispersion,
            boolean trendUsed,
            boolean alarm) {}

    /** First 0-based index R's default range assesses: {@code freq·b + w + 1} in 1-based terms. */
    public int firstAssessableIndex() {
        return WEEKS_PER_YEAR * control.yearsBack() + control.windowHalfWidth();
    }

    /**
     * Assesses weeks {@code from..to} (0-based, inclusive) of a weekly series.
     *
     * @param counts weekly counts
     * @param dates week dates (one per count, 7 days apart) or null to use index arithmetic
     */
    public List<Result> assess(long[] counts, LocalDate[] dates, int from, int to) {
        if (dates != null) {
            if (dates.length != counts.length) {
                throw new IllegalArgumentException("dates and counts differ in length");
            }
            for (int i = 1; i < dates.length; i++) {
                if (ChronoUnit.DAYS.between(dates[i - 1], dates[i]) != 7) {
                    throw new IllegalArgumentException("weekly series must be 7 days apart: " + dates[i - 1]
                            + " then " + dates[i]);
                }
            }
        }
        if (from < firstAssessableIndex()) {
            throw new IllegalArgumentException("week " + from + " has too little history: first assessable week is "
                    + firstAssessableIndex() + " (52*b + w)");
        }
        List<Result> out = new ArrayList<>();
        for (int k = from; k <= to; k++) {
            out.add(assessWeek(counts, dates, k));
        }
        return out;
    }

    /** Assesses every week from the first assessable one to the end. */
    public List<Result> assessAll(long[] counts, LocalDate[] dates) {
        return assess(counts, dates, firstAssessableIndex(), counts.length - 1);
    }

    private Result assessWeek(long[] counts, LocalDate[] dates, int k) {
        int[] refs = referenceWeeks(dates, k);
        Integer[] blocks = blocks(refs, counts.length, k);
        int from = Math.max(0, k - control.pastWeeksNotIncluded());
        for (int i = from; i <= k; i++) {
            blocks[i] = null;
        }
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < blocks.length; i++) {
            if (blocks[i] != null) {
                rows.add(i);
            }
        }
        int n = rows.size();
        double[] y = new double[n];
        double[] time = new double[n];
        int[] level = new int[n];
        double maxY = 0;
        for (int r = 0; r < n; r++) {
            int i = rows.get(r);
            y[r] = counts[i];
            time[r] = i - rows.get(0);
            level[r] = blocks[i];
            maxY = Math.max(maxY, y[r]);
        }
        double timeNow = k - rows.get(0);
        int p = control.noPeriods();

        Model model = fitModel(y, time, level, control.trend());
        boolean trendUsed = false;
        if (model != null && model.withTrend) {
            double predResponse = Math.exp(model.fit.linearPredictor(model.design(timeNow, p)));
            double t = model.fit.coefficients()[1]
                    / Math.sqrt(model.fit.covarianceUnscaled()[1][1] * model.summaryDispersion);
            boolean significant = Distributions.studentTTwoSidedP(t, model.fit.residualDf()) < control.pThresholdTrend();
            boolean atLeastThreeYears = control.yearsBack() >= 3;
            boolean noExtrapolation = predResponse <= maxY;
            trendUsed = atLeastThreeYears && significant && noExtrapolation;
            if (!trendUsed) {
                model = fitModel(y, time, level, false);
            }
        }
        LocalDate date = dates == null ? null : dates[k];
        long observed = counts[k];
        if (model == null) {
            return new Result(k, date, observed, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    false, false);
        }
        double[] row = model.design(timeNow, p);
        double eta = model.fit.linearPredictor(row);
        // predict.glm uses summary(model)$dispersion (not the floored phi) for se.fit.
        double seEta = Math.sqrt(model.fit.unscaledVariance(row) * model.summaryDispersion);
        double phi = model.phi;
        Threshold lu = control.thresholdMethod() == ThresholdMethod.DELTA
                ? deltaThreshold(Math.exp(eta), Math.exp(eta) * seEta, phi, observed)
                : noufailyThreshold(eta, seEta, phi, observed);

        long recent = 0;
        for (int i = Math.max(0, k - control.limitWeeks() + 1); i <= k; i++) {
            recent += counts[i];
        }
        boolean enoughCases = recent >= control.limitCases();
        double score = enoughCases ? lu.score : Double.NaN;
        boolean alarm = !Double.isNaN(score) && score > 1 && observed != 0;
        double upper = enoughCases ? lu.upper : Double.NaN;
        double expected = !Double.isNaN(lu.upper) && enoughCases ? Math.exp(eta) : Double.NaN;
        return new Result(k, date, observed, expected, upper, lu.score, lu.probability, phi, trendUsed, alarm);
    }

    private record Threshold(double upper, double probability, double score) {}

    private Threshold deltaThreshold(double mu0, double seMu0, double phi, long y) {
        double tau = phi + seMu0 * seMu0 / mu0;
        double se = Math.sqrt(4.0 / 9.0 * Math.pow(mu0, 1.0 / 3.0) * tau);
        double exponent = 2.0 / 3.0;
        double z = Distributions.normalQuantile(1 - control.alpha());
        double upper = Math.pow(Math.pow(mu0, exponent) + z * se, 1 / exponent);
        double q = Distributions.normalUpperTail((Math.pow(y, exponent) - Math.pow(mu0, exponent)) / se);
        double score = (y - mu0) / (upper - mu0);
        return new Threshold(upper, q, score);
    }

    private Threshold noufailyThreshold(double eta0, double seEta0, double phi, long y) {
        double alpha = control.alpha();
        double mu0Quantile = control.thresholdMethod() == ThresholdMethod.NB_PLUGIN
                ? Math.exp(eta0)
                : Math.exp(eta0 + seEta0 * Distributions.normalQuantile(1 - alpha));
        if (Double.isInfinite(mu0Quantile)) {
            return new Threshold(Double.NaN, Double.NaN, Double.NaN);
        }
        double upper;
        double q;
        if (phi > 1) {
            upper = Distributions.negativeBinomialQuantile(1 - alpha, mu0Quantile / (phi - 1), 1 / phi);
            q = Distributions.negativeBinomialUpperTail(y, mu0Quantile / (phi - 1), 1 / phi);
        } else {
            upper = Distributions.poissonQuantile(1 - alpha, mu0Quantile);
            q = Distributions.poissonUpperTail(y, mu0Quantile);
        }
        // R computes the score against the link-scale prediction here; kept for identical alarms.
        double score = (y - eta0) / (upper - eta0);
        return new Threshold(upper, q, score);
    }

    private final class Model {
        final PoissonGlm.Fit fit;
        final boolean withTrend;
        final double phi;
        /**
         * What R's {@code summary(model)$dispersion} returns after farringtonFlexible's fit: it
         * overwrites {@code model$weights} with the reweighting weights ω, so the trend t-test and
         * {@code predict(se.fit = TRUE)} use Σ ω·((y − μ)/μ)² / df instead of the Pearson estimate.
         */
        final double summaryDispersion;

        Model(PoissonGlm.Fit fit, boolean withTrend, double phi, double summaryDispersion) {
            this.fit = fit;
            this.withTrend = withTrend;
            this.phi = phi;
            this.summaryDispersion = summaryDispersion;
        }

        double[] design(double time, int level) {
            return designRow(time, level, withTrend);
        }
    }

    private double[] designRow(double time, int level, boolean withTrend) {
        int p = control.noPeriods();
        double[] row = new double[1 + (withTrend ? 1 : 0) + (p > 1 ? p - 1 : 0)];
        int c = 0;
        row[c++] = 1;
        if (withTrend) {
            row[c++] = time;
        }
        if (p > 1 && level > 1) {
            // Treatment contrasts with level 1 as baseline, as R's factor coding.
            row[c + level - 2] = 1;
        }
        return row;
    }

    private Model fitModel(double[] y, double[] time, int[] level, boolean withTrend) {
        Model model = fitOnce(y, time, level, withTrend, null);
        if (model == null && withTrend) {
            model = fitOnce(y, time, level, false, null);
            withTrend = false;
        }
        if (model == null) {
            return null;
        }
        if (control.reweight()) {
            double[] s = anscombeResiduals(model.fit, y, model.phi);
            double[] omega = weights(s, control.weightsThreshold());
            Model refit = fitOnce(y, time, level, withTrend, omega);
            if (refit != null) {
                double[] mu = refit.fit.fitted();
                double sum = 0;
                for (int i = 0; i < y.length; i++) {
                    double r = (y[i] - mu[i]) / mu[i];
                    if (omega[i] > 0) {
                        sum += omega[i] * r * r;
                    }
                }
                model = new Model(refit.fit, refit.withTrend, refit.phi, sum / refit.fit.residualDf());
            }
        }
        return model;
    }

    private Model fitOnce(double[] y, double[] time, int[] level, boolean withTrend, double[] weights) {
        double[][] x = new double[y.length][];
        for (int i = 0; i < y.length; i++) {
            x[i] = designRow(time[i], level[i], withTrend);
        }
        PoissonGlm.Fit fit = PoissonGlm.fit(x, y, weights);
        if (!fit.converged()) {
            return null;
        }
        return new Model(fit, withTrend, Math.max(fit.dispersion(), 1), fit.dispersion());
    }

    static double[] anscombeResiduals(PoissonGlm.Fit fit, double[] y, double phi) {
        double[] mu = fit.fitted();
        double[] h = fit.hatValues();
        double[] s = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            double a = 1.5 * (Math.pow(y[i], 2.0 / 3.0) * Math.pow(mu[i], -1.0 / 6.0) - Math.sqrt(mu[i]));
            s[i] = a / Math.sqrt(phi * (1 - h[i]));
        }
        return s;
    }

    static double[] weights(double[] s, double threshold) {
        double sum = 0;
        for (double v : s) {
            sum += v > threshold ? 1 / (v * v) : 1;
        }
        double gamma = s.length / sum;
        double[] omega = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            omega[i] = s[i] > threshold ? gamma / (s[i] * s[i]) : gamma;
        }
        return omega;
    }

    /** 0-based indices of the current week (first) and its b reference weeks, most recent first. */
    int[] referenceWeeks(LocalDate[] dates, int k) {
        int b = control.yearsBack();
        int[] refs = new int[b + 1];
        refs[0] = k;
        for (int i = 1; i <= b; i++) {
            if (dates == null) {
                refs[i] = k - WEEKS_PER_YEAR * i;
            } else {
                LocalDate target = sameWeekYearsBack(dates[k], i);
                long offset = ChronoUnit.DAYS.between(dates[0], target);
                if (offset % 7 != 0 || offset < 0 || offset / 7 >= dates.length) {
                    throw new IllegalArgumentException("reference week " + target + " for " + dates[k]
                            + " is not in the series; decrease b or start later");
                }
                refs[i] = (int) (offset / 7);
            }
            if (refs[i] < 0) {
                throw new IllegalArgumentException("reference week " + refs[i] + " is before the series start");
            }
        }
        return refs;
    }

    /**
     * The date {@code years} before {@code day} as R's {@code seq.Date(by = "-1 year")} gives it
     * (an impossible 29 February rolls over to 1 March), moved to the nearest date with the same
     * weekday (the earlier one on a tie).
     */
    static LocalDate sameWeekYearsBack(LocalDate day, int years) {
        int year = day.getYear() - years;
        LocalDate ref = day.getMonthValue() == 2 && day.getDayOfMonth() == 29 && !java.time.Year.isLeap(year)
                ? LocalDate.of(year, 3, 1)
                : LocalDate.of(year, day.getMonthValue(), day.getDayOfMonth());
        int dayToGet = weekdayNumber(day.getDayOfWeek());
        int actual = weekdayNumber(ref.getDayOfWeek());
        LocalDate a = ref.minusDays(actual - dayToGet);
        LocalDate bDate = a.plusDays(a.isAfter(ref) ? -7 : 7);
        long da = Math.abs(ChronoUnit.DAYS.between(ref, a));
        long db = Math.abs(ChronoUnit.DAYS.between(ref, bDate));
        return da > db ? bDate : a;
    }

    /** R's {@code format(date, "%w")}: Sunday = 0 .. Saturday = 6. */
    private static int weekdayNumber(DayOfWeek d) {
        return d.getValue() % 7;
    }

    private Integer[] blocks(int[] refs, int length, int k) {
        int w = control.windowHalfWidth();
        int p = control.noPeriods();
        Integer[] factors = new Integer[length];
        for (int i = Math.max(0, k - w); i <= k; i++) {
            factors[i] = p;
        }
        for (int i = 1; i < refs.length; i++) {
            int refWeek = refs[i];
            // R silently ignores window weeks before the start of the series.
            for (int j = Math.max(0, refWeek - w); j <= refWeek + w; j++) {
                factors[j] = p;
            }
            if (p != 1) {
                int period = refs[i - 1] - 2 * w - 1 - refWeek;
                if (period < p - (2 * w + 1)) {
                    throw new IllegalArgumentException("Number of factors too big!");
                }
                int lengthOfBlocks = period / (p - 1);
                int rest = period % (p - 1);
                int[] cumulative = new int[p];
                for (int j = 1; j < p; j++) {
                    cumulative[j] = cumulative[j - 1] + lengthOfBlocks + (j <= rest ? 1 : 0);
                }
                for (int j = 1; j < p; j++) {
                    int start = refWeek + w + 1 + cumulative[j - 1];
                    int end = refWeek + w + cumulative[j];
                    for (int t = start; t <= end; t++) {
                        factors[t] = j;
                    }
                }
            }
        }
        return factors;
    }
}
