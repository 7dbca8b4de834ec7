package org.ember.geo.scan;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Parameters of a scan, with SaTScan's meaning.
 *
 * @param studyStart first day of the study period
 * @param studyEnd last day of the study period (inclusive)
 * @param maxRadius largest circle radius (km for lat/lon); {@code Double.POSITIVE_INFINITY} for none
 * @param maxFraction largest share of the population at risk in a circle (0.5 = SaTScan's 50 %).
 *     For the space-time permutation model the population at risk is the cases.
 * @param maxDays longest cylinder in days (ignored for purely spatial)
 * @param replications Monte Carlo replications B (999 as in SaTScan); 0 = no inference
 * @param seed random seed for the replications
 * @param minCases fewest cases in a reported cluster (SaTScan's "minimum cases in high rate clusters": 2)
 */
public record ScanParameters(
        ScanModel model,
        ScanAnalysis analysis,
        LocalDate studyStart,
        LocalDate studyEnd,
        double maxRadius,
        double maxFraction,
        int maxDays,
        int replications,
        long seed,
        int minCases) {

    public ScanParameters {
        if (studyEnd.isBefore(studyStart)) {
            throw new IllegalArgumentException("study end " + studyEnd + " is before start " + studyStart);
        }
        if (!(maxRadius > 0) || !(maxFraction > 0 && maxFraction <= 0.5)) {
            throw new IllegalArgumentException("max radius must be > 0 and max fraction in (0, 0.5]");
        }
        if (analysis != ScanAnalysis.PURELY_SPATIAL && maxDays < 1) {
            throw new IllegalArgumentException("max days must be >= 1");
        }
        if (model == ScanModel.SPACE_TIME_PERMUTATION && analysis == ScanAnalysis.PURELY_SPATIAL) {
            throw new IllegalArgumentException("the space-time permutation model needs a space-time analysis");
        }
        if (replications < 0 || minCases < 1) {
            throw new IllegalArgumentException("replications >= 0 and minCases >= 1 needed");
        }
    }

    /** Number of days in the study period. */
    public int days() {
        return (int) ChronoUnit.DAYS.between(studyStart, studyEnd) + 1;
    }
}
