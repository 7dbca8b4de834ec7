package org.ember.geo.evaluation;

import java.util.List;

/**
 * Everything the report says about one intervention.
 *
 * @param treatment      the intervention
 * @param verdict        what can be said
 * @param reason         why (for NOT_ESTIMATED), or the caveats (pre-trends)
 * @param comparison     matched comparison areas
 * @param ring           surrounding ring used for displacement
 * @param firstWeek      first week of the panel (index into the weekly counts)
 * @param panel          the panel (null when not estimated)
 * @param did            cluster-robust estimate (null when not estimated)
 * @param eventStudy     per-week coefficients (null when not estimated)
 * @param permutation    placebo inference (null when not estimated)
 * @param displacement   weighted displacement quotient (null without a ring or control offences)
 * @param ringChange     the ring's own change against the comparison areas, with placebo inference (null without a ring)
 * @param balance        mean pre-rate and deprivation: treated, comparison
 */
public record InterventionEvaluation(
        Treatment treatment,
        Verdict verdict,
        String reason,
        List<String> comparison,
        List<String> ring,
        int firstWeek,
        Panel panel,
        DidEstimate did,
        EventStudy.Result eventStudy,
        PermutationInference.Result permutation,
        DisplacementQuotient displacement,
        PermutationInference.Result ringChange,
        double[][] balance) {

    /**
     * Whether the ring changed beyond chance against the comparison areas. Without that, a quotient
     * however large is noise: there is no evidence of displacement or diffusion either way.
     */
    public boolean ringChangeBeyondChance() {
        return ringChange != null && Double.isFinite(ringChange.low()) && (ringChange.low() > 0 || ringChange.high() < 0);
    }

    public boolean estimated() {
        return did != null;
    }

    /**
     * Whether the treated areas' trend before the start differed from the comparison areas' at 5%
     * by the placebo slope test (parallel trends doubtful).
     */
    public boolean preTrendWarning() {
        return permutation != null && permutation.preTrendP() < 0.05;
    }

    /** Headline interval of the effect per area-week: the placebo interval. */
    public double low() {
        return permutation == null ? Double.NaN : permutation.low();
    }

    public double high() {
        return permutation == null ? Double.NaN : permutation.high();
    }

    public double prevented() {
        return did == null ? Double.NaN : did.prevented(did.beta());
    }

    public double preventedLow() {
        return did == null ? Double.NaN : did.prevented(high());
    }

    public double preventedHigh() {
        return did == null ? Double.NaN : did.prevented(low());
    }

    public double relative() {
        return did == null ? Double.NaN : did.relative(did.beta());
    }

    public double relativeLow() {
        return did == null ? Double.NaN : did.relative(low());
    }

    public double relativeHigh() {
        return did == null ? Double.NaN : did.relative(high());
    }
}
