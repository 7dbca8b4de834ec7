package org.ember.geo.layers;

import java.io.Serializable;

/**
 * The daily prospective space-time permutation scan of each local authority's LSOAs (SaTScan's
 * meaning for each parameter).
 *
 * @param studyDays      days in the study period, ending on the day just closed
 * @param maxDays        longest cylinder in days
 * @param maxRadiusKm    largest circle radius
 * @param maxFraction    largest share of the cases in a circle
 * @param minCases       fewest cases in a reported cluster
 * @param replications   Monte Carlo replications: 199 by default (recurrence intervals up to 200 days);
 *                       SaTScan's 999 reaches 1000 days but costs five times as much (about a second per
 *                       local authority per day on two cores, docs/benchmarks-fusion.md)
 * @param minRecurrenceDays clusters recurring more often than this are not published
 */
public record ScanSettings(int studyDays, int maxDays, double maxRadiusKm, double maxFraction, int minCases,
        int replications, double minRecurrenceDays) implements Serializable {

    public ScanSettings {
        if (maxDays < 1 || maxDays > studyDays || replications < 0 || minCases < 1) {
            throw new IllegalArgumentException("need 1 <= maxDays <= studyDays, replications >= 0, minCases >= 1");
        }
    }

    public static ScanSettings defaults() {
        return new ScanSettings(28, 7, 1.5, 0.5, 3, 199, 20);
    }

    public ScanSettings withReplications(int b) {
        return new ScanSettings(studyDays, maxDays, maxRadiusKm, maxFraction, minCases, b, minRecurrenceDays);
    }
}
