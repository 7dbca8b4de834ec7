package org.ember.geo.math;

/**
 * Whether a z-score is significant at level alpha in a two-sided normal test, the very answer of
 * {@code StandardNormal.twoSidedP(z) <= alpha}, with erfc computed only for z near the critical value.
 *
 * <p>The critical |z| is found once (by bisection on {@link StandardNormal#twoSidedP}); below it less
 * 10⁻³ the answer is no, above it plus 10⁻³ yes. Across that margin the true p-value changes by a
 * relative 10⁻³ or more (by about z·10⁻³ in the tail), while the computed erfc is accurate to some
 * 10⁻¹⁵ relative, so outside the band the computed p-value lies on the same side of alpha as the true
 * one; inside it the p-value is computed as before. Both band edges are checked against the computed
 * p-values with a margin when built; if that fails (an alpha too close to 0 or 1) every z is computed.
 * NaN is never significant (its p-value is NaN).
 */
public final class SignificantZ {
    private static final double BAND = 1e-3;
    private final double alpha;
    private final double below;
    private final double above;

    private SignificantZ(double alpha, double below, double above) {
        this.alpha = alpha;
        this.below = below;
        this.above = above;
    }

    /** The test at level alpha (0 &lt; alpha &lt; 1). */
    public static SignificantZ at(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must lie in (0, 1), got " + alpha);
        }
        double lo = 0;
        double hi = 40;
        for (int i = 0; i < 200 && hi - lo > 1e-12; i++) {
            double mid = (lo + hi) / 2;
            if (StandardNormal.twoSidedP(mid) > alpha) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double below = Math.max(0, lo - BAND);
        double above = hi + BAND;
        boolean checked = StandardNormal.twoSidedP(below) > alpha * (1 + 1e-9)
                && StandardNormal.twoSidedP(above) < alpha * (1 - 1e-9);
        return checked ? new SignificantZ(alpha, below, above)
                : new SignificantZ(alpha, 0, Double.POSITIVE_INFINITY);
    }

    /** {@code StandardNormal.twoSidedP(z) <= alpha}. */
    public boolean test(double z) {
        double a = Math.abs(z);
        if (a < below) {
            return false;
        }
        if (a > above) {
            return true;
        }
        return StandardNormal.twoSidedP(z) <= alpha;
    }
}
