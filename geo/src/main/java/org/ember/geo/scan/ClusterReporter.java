package org.ember.geo.scan;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Turns each centre's best cylinder into reported clusters: decreasing LLR, no geographical
 * overlap (SaTScan's default), p = rank/(B+1), prospective recurrence interval (B+1)/rank days.
 */
final class ClusterReporter {
    private ClusterReporter() {}

    static List<ScanCluster> report(CylinderScanner.Candidate[] perCentre, NeighbourIndex neighbours,
            List<ScanLocation> locations, int[] windowStart, int[] windowEnd, double[] maxima, int b,
            boolean prospective, IntFunction<LocalDate> dayOf) {
        List<CylinderScanner.Candidate> candidates = new ArrayList<>();
        for (CylinderScanner.Candidate c : perCentre) {
            if (c != null) {
                candidates.add(c);
            }
        }
        candidates.sort(Comparator.comparingDouble(CylinderScanner.Candidate::llr).reversed()
                .thenComparingInt(CylinderScanner.Candidate::centre));
        Set<Integer> used = new HashSet<>();
        List<ScanCluster> out = new ArrayList<>();
        for (CylinderScanner.Candidate c : candidates) {
            int[] order = neighbours.order(c.centre());
            boolean overlaps = false;
            for (int k = 0; k < c.locationsIncluded(); k++) {
                if (used.contains(order[k])) {
                    overlaps = true;
                    break;
                }
            }
            if (overlaps) {
                continue;
            }
            int rank = 1;
            for (double m : maxima) {
                if (m >= c.llr()) {
                    rank++;
                }
            }
            if (b > 0 && !out.isEmpty() && rank > b) {
                // Like SaTScan, secondary clusters are reported only while some replicate maximum
                // lies below them (p < 1); candidates come in decreasing LLR, so none further can.
                break;
            }
            List<String> ids = new ArrayList<>();
            for (int k = 0; k < c.locationsIncluded(); k++) {
                used.add(order[k]);
                ids.add(locations.get(order[k]).id());
            }
            double radius = neighbours.distances(c.centre())[c.locationsIncluded() - 1];
            LocalDate start = dayOf.apply(windowStart[c.window()]);
            LocalDate end = dayOf.apply(windowEnd[c.window()]);
            double pValue = Double.NaN;
            double recurrence = Double.NaN;
            if (b > 0) {
                pValue = (double) rank / (b + 1);
                if (prospective) {
                    recurrence = 1 / pValue;
                }
            }
            out.add(new ScanCluster(out.size() + 1, locations.get(c.centre()).id(), radius, ids, start, end,
                    c.observed(), c.expected(), c.llr(), pValue, recurrence));
        }
        return out;
    }
}
