package org.ember.geo.evaluation;

/**
 * A difference-in-differences estimate of one intervention.
 *
 * @param beta               change in the treated areas' count per area and period, beyond the comparison areas' change
 * @param standardError      cluster-robust (CR1, clustered by area) standard error of beta
 * @param degreesOfFreedom   G − 1, the t distribution's degrees of freedom for the cluster-robust interval
 * @param low                lower end of the 95% cluster-robust interval of beta
 * @param high               upper end
 * @param pValue             two-sided p-value of beta = 0 from the cluster-robust t statistic
 * @param treatedUnits       treated areas
 * @param comparisonUnits    comparison areas
 * @param postPeriods        periods of the intervention
 * @param observedTreatedPost counts in the treated areas during the intervention
 */
public record DidEstimate(
        double beta,
        double standardError,
        int degreesOfFreedom,
        double low,
        double high,
        double pValue,
        int treatedUnits,
        int comparisonUnits,
        int postPeriods,
        double observedTreatedPost) {

    /** Area-periods treated: beta times this is the total change in counts. */
    public double treatedAreaPeriods() {
        return (double) treatedUnits * postPeriods;
    }

    /** What the treated areas would have counted without the intervention, at the point estimate. */
    public double counterfactualTreatedPost() {
        return observedTreatedPost - beta * treatedAreaPeriods();
    }

    /** Offences prevented for an effect of {@code effect} per area-period (positive = fewer offences). */
    public double prevented(double effect) {
        return -effect * treatedAreaPeriods();
    }

    /** Relative change against the counterfactual for an effect per area-period (e.g. −0.2 = 20% fewer). */
    public double relative(double effect) {
        double cf = counterfactualTreatedPost();
        return cf > 0 ? effect * treatedAreaPeriods() / cf : Double.NaN;
    }
}
