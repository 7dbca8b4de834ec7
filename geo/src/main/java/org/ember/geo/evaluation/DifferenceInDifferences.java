package org.ember.geo.evaluation;

import org.ember.geo.numeric.Distributions;

/**
 * Two-way fixed-effects difference-in-differences on a {@link Panel}: {@code y_it = α_i + γ_t + β·D_i·Post_t + ε_it}.
 * On a balanced panel with one treatment start β equals the difference of the treated and
 * comparison areas' changes in mean count from the pre- to the post-period.
 */
public final class DifferenceInDifferences {
    private DifferenceInDifferences() {}

    public static DidEstimate estimate(Panel panel) {
        int nt = panel.treatedCount();
        int nc = panel.comparisonCount();
        if (nt < 1 || nc < 1) {
            throw new IllegalArgumentException("need treated and comparison units (" + nt + ", " + nc + ")");
        }
        TwoWayFixedEffects.Fit fit = TwoWayFixedEffects.fit(panel.counts(), new double[][][] {panel.treatmentIndicator()});
        double beta = fit.beta()[0];
        double se = fit.standardError(0);
        int df = fit.clusters() - 1;
        double tCrit = tQuantile975(df);
        double p = se > 0 ? Distributions.studentTTwoSidedP(beta / se, df) : Double.NaN;
        return new DidEstimate(beta, se, df, beta - tCrit * se, beta + tCrit * se, p, nt, nc, panel.postPeriods(),
                panel.total(true, panel.firstPost(), panel.periods()));
    }

    /** 97.5% quantile of Student's t by bisection on its CDF (bounded: 200 halvings at most). */
    static double tQuantile975(int df) {
        double lo = 0;
        double hi = 1000;
        for (int i = 0; i < 200 && hi - lo > 1e-12; i++) {
            double mid = (lo + hi) / 2;
            if (Distributions.studentTCdf(mid, df) < 0.975) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }
}
