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
 * @param pValue Monte Carlo p = rank/(B + 1), NaN without replications
 * @param recurrenceDays prospective only: 1/(p × analyses per day) = (B + 1)/rank days; NaN otherwise
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
        double recurrenceDays) {

    public ScanCluster {
        locations = List.copyOf(locations);
    }
}
