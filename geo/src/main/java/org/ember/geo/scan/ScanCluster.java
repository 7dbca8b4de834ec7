package org.ember.geo.scan;

import java.time.LocalDate;
import java.util.List;

/**
 * A reported cluster.
 *
 * @param rank 1 = most likely cluster, then secondary clusters by decreasing LLR
 * @param centre id of the centre location
 * @param radius distance from the centre to the farthest included location
 * @param locations included location ids, nearest first
 * @param start first day of the cylinder (null for purely spatial)
 * @param end last day of the cylinder (null for purely spatial)
 * @param pValue Monte Carlo p = rank/(B + 1) (after early stopping: exceedances / replications run),
 *     NaN without replications
 * @param recurrenceDays prospective only: 1/(p × analyses per day) days, with the Gumbel p when no
 *     replicate reached the cluster (so the interval is not capped at B + 1 days); NaN otherwise
 * @param gumbelPValue upper tail of the Gumbel distribution fitted to the replicate maxima at this LLR;
 *     NaN without a fit
 */
public record ScanCluster(
        int rank,
        String centre,
        double radius,
        List<String> locations,
        LocalDate start,
        LocalDate end,
        long observed,
        double expected,
        double llr,
        double pValue,
        double recurrenceDays,
        double gumbelPValue) {

    public ScanCluster {
        locations = List.copyOf(locations);
    }

    /** A cluster without a Gumbel p-value (the shape before Gumbel p-values existed). */
    public ScanCluster(int rank, String centre, double radius, List<String> locations, LocalDate start, LocalDate end,
            long observed, double expected, double llr, double pValue, double recurrenceDays) {
        this(rank, centre, radius, locations, start, end, observed, expected, llr, pValue, recurrenceDays, Double.NaN);
    }
}
