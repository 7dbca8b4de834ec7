package org.ember.geo.scan;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Turns each centre's best cylinder into reported clusters: decreasing LLR (equal LLRs by centre
 * id, so the order does not depend on the location list), no geographical overlap (SaTScan's
 * default), Monte Carlo p-values, Gumbel p-values and the prospective recurrence interval.
 */
final class ClusterReporter {
    private ClusterReporter() {}

    /** What the replications say: the maxima run, whether they stopped early, the Gumbel fit. */
    record Inference(double[] maxima, boolean stoppedEarly, GumbelTail gumbel) {
        static Inference of(Replications.Outcome outcome, boolean gumbel) {
            return new Inference(outcome.maxima(), outcome.stoppedEarly(),
                    gumbel ? GumbelTail.fit(outcome.maxima()) : null);
        }
    }

    /**
     * @param member whether a location may be a member (null = all); members are taken from the
     *     centre's neighbour order up to the candidate's step
     */
    static List<ScanCluster> report(CylinderScanner.Candidate[] perCentre, NeighbourIndex neighbours,
            List<ScanLocation> locations, boolean[] member, int[] windowStart, int[] windowEnd, Inference inference,
            boolean prospective, IntFunction<LocalDate> dayOf) {
        List<CylinderScanner.Candidate> candidates = new ArrayList<>();
        for (CylinderScanner.Candidate c : perCentre) {
            if (c != null) {
                candidates.add(c);
            }
        }
        candidates.sort(Comparator.comparingDouble(CylinderScanner.Candidate::llr).reversed()
                .thenComparing(c -> locations.get(c.centre()).id()));
        double[] maxima = inference.maxima();
        int n = maxima.length;
        Set<Integer> used = new HashSet<>();
        List<ScanCluster> out = new ArrayList<>();
        for (CylinderScanner.Candidate c : candidates) {
            int[] order = neighbours.order(c.centre());
            boolean overlaps = false;
            for (int k = 0; k < c.locationsIncluded(); k++) {
                if ((member == null || member[order[k]]) && used.contains(order[k])) {
                    overlaps = true;
                    break;
                }
            }
            if (overlaps) {
                continue;
            }
            int atLeast = 0;
            for (double m : maxima) {
                if (m >= c.llr()) {
                    atLeast++;
                }
            }
            if (n > 0 && !out.isEmpty() && atLeast >= n) {
                // Like SaTScan, secondary clusters are reported only while some replicate maximum
                // lies below them (p < 1); candidates come in decreasing LLR, so none further can.
                break;
            }
            List<String> ids = new ArrayList<>();
            for (int k = 0; k < c.locationsIncluded(); k++) {
                if (member == null || member[order[k]]) {
                    used.add(order[k]);
                    ids.add(locations.get(order[k]).id());
                }
            }
            double radius = neighbours.distances(c.centre())[c.locationsIncluded() - 1];
            LocalDate start = dayOf.apply(windowStart[c.window()]);
            LocalDate end = dayOf.apply(windowEnd[c.window()]);
            double pValue = Double.NaN;
            double recurrence = Double.NaN;
            double gumbelP = inference.gumbel() == null ? Double.NaN : inference.gumbel().upperTail(c.llr());
            if (n > 0) {
                // Besag & Clifford: after stopping at h exceedances in n replicates p = h/n.
                pValue = inference.stoppedEarly() ? (double) atLeast / n : (atLeast + 1.0) / (n + 1);
                if (prospective) {
                    double p = atLeast == 0 && !Double.isNaN(gumbelP) ? Math.min(pValue, gumbelP) : pValue;
                    recurrence = 1 / Math.max(p, Double.MIN_NORMAL);
                }
            }
            out.add(new ScanCluster(out.size() + 1, locations.get(c.centre()).id(), radius, ids, start, end,
                    c.observed(), c.expected(), c.llr(), pValue, recurrence, gumbelP));
        }
        return out;
    }
}
