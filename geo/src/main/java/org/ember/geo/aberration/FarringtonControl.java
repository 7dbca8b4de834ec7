package org.ember.geo.aberration;

/**
 * Controls of {@link FarringtonFlexible}, named and defaulted as in R {@code surveillance}'s
 * {@code farringtonFlexible(sts, control)}.
 *
 * @param yearsBack {@code b}: how many years of history to use
 * @param windowHalfWidth {@code w}: half-width of the window around each reference week
 * @param reweight down-weight past outbreaks by Anscombe residuals
 * @param weightsThreshold residual above which a week is down-weighted (2.58 Farrington, 1 Noufaily)
 * @param alpha one-sided level of the prediction interval
 * @param trend try a linear time trend (kept only if significant and not extrapolating)
 * @param pThresholdTrend significance level for keeping the trend
 * @param limitCases {@code limit54[1]}: no alarm unless this many cases ...
 * @param limitWeeks {@code limit54[2]}: ... in this many most recent weeks (current included)
 * @param noPeriods number of seasonal factor levels (1 = Farrington 1996 windows only)
 * @param pastWeeksNotIncluded most recent weeks left out of the fit (R default: w)
 * @param thresholdMethod how the upper bound is computed
 */
public record FarringtonControl(
        int yearsBack,
        int windowHalfWidth,
        boolean reweight,
        double weightsThreshold,
        double alpha,
        boolean trend,
        double pThresholdTrend,
        int limitCases,
        int limitWeeks,
        int noPeriods,
        int pastWeeksNotIncluded,
        ThresholdMethod thresholdMethod) {

    /** How the upper bound of the prediction interval is computed. */
    public enum ThresholdMethod {
        /** Farrington et al. (1996): normal approximation on the 2/3-power scale (delta method). */
        DELTA,
        /** Noufaily et al. (2013): negative-binomial quantile at the estimated mean. */
        NB_PLUGIN,
        /** Noufaily et al. (2013): negative-binomial quantile at the upper (1−α) quantile of the mean. */
        MUAN
    }

    public FarringtonControl {
        if (yearsBack < 1 || windowHalfWidth < 0 || noPeriods < 1 || pastWeeksNotIncluded < 0) {
            throw new IllegalArgumentException("b >= 1, w >= 0, noPeriods >= 1 and pastWeeksNotIncluded >= 0 needed");
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        if (limitCases < 0 || limitWeeks < 1) {
            throw new IllegalArgumentException("limit54 out of bounds: cases >= 0 and period > 0");
        }
    }

    /**
     * The original Farrington et al. (1996) algorithm as {@code farringtonFlexible} runs it with its
     * defaults: b = 5, w = 3, reweighting at 2.58, trend, α = 0.05, windows only, delta threshold.
     */
    public static FarringtonControl farrington1996() {
        return new FarringtonControl(5, 3, true, 2.58, 0.05, true, 0.05, 5, 4, 1, 3, ThresholdMethod.DELTA);
    }

    /**
     * The improved algorithm of Noufaily et al. (2013) as recommended there and in the
     * {@code farringtonFlexible} help: b = 5, w = 3, 10 seasonal periods, weights threshold 1,
     * 26 most recent weeks left out, α = 0.05, negative-binomial ("muan") threshold.
     */
    public static FarringtonControl noufaily() {
        return new FarringtonControl(5, 3, true, 1.0, 0.05, true, 0.05, 5, 4, 10, 26, ThresholdMethod.MUAN);
    }

    public FarringtonControl withYearsBack(int b) {
        return new FarringtonControl(b, windowHalfWidth, reweight, weightsThreshold, alpha, trend, pThresholdTrend,
                limitCases, limitWeeks, noPeriods, pastWeeksNotIncluded, thresholdMethod);
    }

    /** Changes w; for the 1996 variant (where R's default ties pastWeeksNotIncluded to w) that follows. */
    public FarringtonControl withWindowHalfWidth(int w) {
        int past = noPeriods == 1 && pastWeeksNotIncluded == windowHalfWidth ? w : pastWeeksNotIncluded;
        return new FarringtonControl(yearsBack, w, reweight, weightsThreshold, alpha, trend, pThresholdTrend,
                limitCases, limitWeeks, noPeriods, past, thresholdMethod);
    }

    public FarringtonControl withAlpha(double a) {
        return new FarringtonControl(yearsBack, windowHalfWidth, reweight, weightsThreshold, a, trend,
                pThresholdTrend, limitCases, limitWeeks, noPeriods, pastWeeksNotIncluded, thresholdMethod);
    }

    public FarringtonControl withThresholdMethod(ThresholdMethod m) {
        return new FarringtonControl(yearsBack, windowHalfWidth, reweight, weightsThreshold, alpha, trend,
                pThresholdTrend, limitCases, limitWeeks, noPeriods, pastWeeksNotIncluded, m);
    }

    public FarringtonControl withNoPeriods(int p) {
        return new FarringtonControl(yearsBack, windowHalfWidth, reweight, weightsThreshold, alpha, trend,
                pThresholdTrend, limitCases, limitWeeks, p, pastWeeksNotIncluded, thresholdMethod);
    }

    public FarringtonControl withPastWeeksNotIncluded(int weeks) {
        return new FarringtonControl(yearsBack, windowHalfWidth, reweight, weightsThreshold, alpha, trend,
                pThresholdTrend, limitCases, limitWeeks, noPeriods, weeks, thresholdMethod);
    }

    public FarringtonControl withReweight(boolean r) {
        return new FarringtonControl(yearsBack, windowHalfWidth, r, weightsThreshold, alpha, trend, pThresholdTrend,
                limitCases, limitWeeks, noPeriods, pastWeeksNotIncluded, thresholdMethod);
    }

    public FarringtonControl withWeightsThreshold(double threshold) {
        return new FarringtonControl(yearsBack, windowHalfWidth, reweight, threshold, alpha, trend, pThresholdTrend,
                limitCases, limitWeeks, noPeriods, pastWeeksNotIncluded, thresholdMethod);
    }

    public FarringtonControl withTrend(boolean t) {
        return new FarringtonControl(yearsBack, windowHalfWidth, reweight, weightsThreshold, alpha, t,
                pThresholdTrend, limitCases, limitWeeks, noPeriods, pastWeeksNotIncluded, thresholdMethod);
    }
}
