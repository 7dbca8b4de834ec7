package org.ember.geo.linkage;

import java.util.HashMap;
import java.util.Map;

/**
 * Pairwise precision and recall of a linkage against the truth: a pair of reports is linked when
 * they share a linked incident, and truly linked when they report the same real event. Only reports
 * present in both maps are scored (a report that was dead-lettered or cancelled has no place in
 * either).
 *
 * @param truePairs      pairs that report the same real event
 * @param predictedPairs pairs the linker put in one incident
 * @param correctPairs   pairs in both
 * @param reports        reports scored
 */
public record LinkageAccuracy(long truePairs, long predictedPairs, long correctPairs, long reports) {

    /**
     * @param predicted linked incident id by report key
     * @param truth     real event id by report key
     */
    public static LinkageAccuracy pairwise(Map<String, String> predicted, Map<String, String> truth) {
        Map<String, Long> byGroup = new HashMap<>();
        Map<String, Long> byTruth = new HashMap<>();
        Map<String, Long> byBoth = new HashMap<>();
        long reports = 0;
        for (Map.Entry<String, String> e : predicted.entrySet()) {
            String real = truth.get(e.getKey());
            if (real == null) {
                continue;
            }
            reports++;
            byGroup.merge(e.getValue(), 1L, Long::sum);
            byTruth.merge(real, 1L, Long::sum);
            byBoth.merge(e.getValue() + "\u0000" + real, 1L, Long::sum);
        }
        return new LinkageAccuracy(pairs(byTruth), pairs(byGroup), pairs(byBoth), reports);
    }

    private static long pairs(Map<String, Long> sizes) {
        long total = 0;
        for (long n : sizes.values()) {
            total += n * (n - 1) / 2;
        }
        return total;
    }

    /** Share of the linker's pairs that are right (1 when it made none). */
    public double precision() {
        return predictedPairs == 0 ? 1 : (double) correctPairs / predictedPairs;
    }

    /** Share of the true pairs the linker found (1 when there are none). */
    public double recall() {
        return truePairs == 0 ? 1 : (double) correctPairs / truePairs;
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** One line for logs and the demo. */
    public String summary() {
        return String.format(java.util.Locale.ROOT,
                "precision=%.3f recall=%.3f f1=%.3f (pairs: true=%d linked=%d correct=%d; reports=%d)",
                precision(), recall(), f1(), truePairs, predictedPairs, correctPairs, reports);
    }
}
