package org.ember.geo.scan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The scan's windows straight from SaTScan's documented definition, with no shortcut: for every
 * centre, every location (sorted by distance, equal distances by lesser x then y, as in SaTScan's
 * CompareIdentifierDistance) is added one at a time while the circle holds at most maxFraction of
 * the population; at each step every time window is evaluated with O and E summed from scratch;
 * the first best window of a centre is kept (strictly greater LLR replaces it); clusters are then the
 * centres' best windows by decreasing LLR without geographical overlap. Slow (O(L·k²·W)), for tests.
 */
final class BruteForceScan {
    record Cluster(String centre, List<String> locations, int window, long observed, double expected, double llr) {}

    private BruteForceScan() {}

    /**
     * @param counts counts[location][day]
     * @param weight each location's share of the population at risk
     * @param windowStart first day of each window
     * @param windowEnd last day of each window
     * @param windowMass expected cases of the whole region in each window
     * @param member whether a location takes part (centre and member)
     */
    static List<Cluster> scan(List<ScanLocation> locations, int[][] counts, double[] weight, int[] windowStart,
            int[] windowEnd, double[] windowMass, long total, double maxRadius, double maxFraction, int minCases,
            boolean[] member) {
        int n = locations.size();
        List<Cluster> best = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            if (!member[c]) {
                continue;
            }
            ScanLocation centre = locations.get(c);
            List<Integer> sorted = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                if (member[j] && dist(centre, locations.get(j)) <= maxRadius) {
                    sorted.add(j);
                }
            }
            sorted.sort(Comparator.<Integer>comparingDouble(j -> dist(centre, locations.get(j)))
                    .thenComparingDouble(j -> locations.get(j).x()).thenComparingDouble(j -> locations.get(j).y()));
            Cluster top = null;
            double share = 0;
            for (int k = 0; k < sorted.size(); k++) {
                share += weight[sorted.get(k)];
                if (share > maxFraction * (1 + 1e-12)) {
                    break;
                }
                for (int w = 0; w < windowStart.length; w++) {
                    long o = 0;
                    for (int m = 0; m <= k; m++) {
                        for (int d = windowStart[w]; d <= windowEnd[w]; d++) {
                            o += counts[sorted.get(m)][d];
                        }
                    }
                    double e = share * windowMass[w];
                    if (o < minCases || o <= e) {
                        continue;
                    }
                    double llr = KulldorffScan.poissonLlr(o, e, total);
                    if (top == null || llr > top.llr()) {
                        List<String> ids = new ArrayList<>();
                        for (int m = 0; m <= k; m++) {
                            ids.add(locations.get(sorted.get(m)).id());
                        }
                        top = new Cluster(centre.id(), ids, w, o, e, llr);
                    }
                }
            }
            if (top != null) {
                best.add(top);
            }
        }
        best.sort(Comparator.comparingDouble(Cluster::llr).reversed().thenComparing(Cluster::centre));
        List<Cluster> out = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (Cluster b : best) {
            if (b.locations().stream().noneMatch(used::contains)) {
                used.addAll(b.locations());
                out.add(b);
            }
        }
        return out;
    }

    private static double dist(ScanLocation a, ScanLocation b) {
        double dx = a.x() - b.x();
        double dy = a.y() - b.y();
        return Math.sqrt(dx * dx + dy * dy);
    }
}
