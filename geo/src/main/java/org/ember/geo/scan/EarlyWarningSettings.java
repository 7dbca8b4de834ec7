package org.ember.geo.scan;

/**
 * Settings of {@link EarlyWarningScan}.
 *
 * @param maxRadius largest circle radius (km, or file units for Cartesian locations)
 * @param maxDays longest window in days, ending on the day scanned
 * @param minCases fewest cases in an alerting cluster
 * @param threshold expectation-based Poisson LLR at which a cluster alerts (calibrate it to the
 *     background false-alarm rate wanted; see docs/detection.md)
 * @param baselineDays days of history for each cell's share of the area's cases (365)
 * @param weekdayWeeks same-weekday totals averaged for the area's expected total of a day (8)
 * @param absorbHalfLifeDays half-life of the excess an alert absorbs into its cells' expectation (14)
 * @param rearm factor on the threshold for a cluster touching a cell that has already alerted and
 *     still carries absorbed excess (hysteresis: a permanent rise alerts once)
 * @param conditional score a window against its cells' own history count (the two-sample Poisson
 *     test of the window's C against the history's H cases, conditional on C + H) instead of against
 *     the expectation as if it were known: a baseline estimated from a few past cases is uncertain,
 *     and treating it as exact makes sparse cells the main source of false alarms (see
 *     docs/detection.md §4)
 */
public record EarlyWarningSettings(
        double maxRadius,
        int maxDays,
        int minCases,
        double threshold,
        int baselineDays,
        int weekdayWeeks,
        double absorbHalfLifeDays,
        double rearm,
        boolean conditional) {

    /** Settings scoring against the expectation as if it were known ({@code conditional = false}). */
    public EarlyWarningSettings(double maxRadius, int maxDays, int minCases, double threshold, int baselineDays,
            int weekdayWeeks, double absorbHalfLifeDays, double rearm) {
        this(maxRadius, maxDays, minCases, threshold, baselineDays, weekdayWeeks, absorbHalfLifeDays, rearm, false);
    }

    public EarlyWarningSettings {
        if (!(maxRadius > 0) || maxDays < 1 || minCases < 1 || !(threshold > 0) || baselineDays <= maxDays
                || weekdayWeeks < 1 || !(absorbHalfLifeDays > 0) || !(rearm >= 1)) {
            throw new IllegalArgumentException("early-warning settings out of range");
        }
    }

    /**
     * 1 km, 7 days, 6 cases, 365-day shares, 8 weeks of weekday totals, 14-day absorption, rearm ×2,
     * scored against the expectation as known. Six cases: on quiet simulated years most false alarms
     * were 4 or 5 cases in cells that hardly ever have one, and no planted outbreak of the benchmark
     * (10–18 cases) needs fewer than 6 to be told from the background; with 6 the same false-alarm
     * rate takes a lower threshold, and on the tuning seeds the median delay fell from 1.5 to 1 day
     * with as many outbreaks found (docs/detection.md §4).
     */
    public static EarlyWarningSettings defaults(double threshold) {
        return new EarlyWarningSettings(1.0, 7, 6, threshold, 365, 8, 14, 2, false);
    }
}
