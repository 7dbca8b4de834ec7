package org.ember.geo.forecast;

/**
 * Seasonal adjustment of a spatial forecast (here the {@link TimeWeightedKde}): the base expected
 * count of each cell is spread over the horizon's hours by
 * <ul>
 * <li>the training hour-of-week profile r(h) (168 rates), as in Felson &amp; Poulsen (2003) and
 *   the hour-of-week baselines of {@code org.ember.geo.seasonal};</li>
 * <li>a day-type factor f(d) for school holidays and bank holidays against ordinary days (events
 *   per day of that type over events per ordinary day in the training window, with one pseudo-day
 *   each side so a rare type stays near 1);</li>
 * <li>a cell's own time profile over four classes (weekday day, weekday night, weekend day,
 *   weekend night; day = 07:00–19:00), counted over the cell and its eight neighbours and shrunk
 *   towards the map-wide profile with {@code shrink} pseudo-events (an empirical-Bayes blend), so
 *   a nightlife street and a school gate get different day/night splits:</li>
 * </ul>
 * <pre>
 *   expected(c, p) = base(c) · Σ_{h in horizon ∩ p} r(h) f(d(h)) g_c(k(h)) / Σ_{h in horizon} r(h) g_c(k(h))
 * </pre>
 * so that without calendar effects the cell keeps its base total over the horizon. The calendar
 * factor is map-wide, so for a single period ("all") the ranking of cells equals the base's; the
 * adjustment changes rankings by period (day/night, hour of week) and the level of the counts.
 * With month-resolution events r, f and g are flat and the result equals the base.
 */
public final class SeasonalAdjustment implements ForecastMethod {
    private static final int CLASSES = 4;

    private final TimeWeightedKde base;
    private final DayTypes dayTypes;
    private final double shrink;

    public SeasonalAdjustment(TimeWeightedKde base, DayTypes dayTypes, double shrink) {
        this.base = base;
        this.dayTypes = dayTypes;
        this.shrink = shrink;
    }

    @Override
    public String name() {
        return "seasonal";
    }

    static int timeClass(int hourOfWeek) {
        int day = hourOfWeek / 24;
        int hour = hourOfWeek % 24;
        boolean weekend = day >= 5;
        boolean daytime = hour >= Periods.DAY_START && hour < Periods.DAY_END;
        return (weekend ? 2 : 0) + (daytime ? 0 : 1);
    }

    @Override
    public double[][] forecast(EventSeries events, StudyRegion region, ForecastWindow window) {
        return adjust(base.totals(events, region, window), events, region, window);
    }

    /** Adjusts given base totals (lets a caller reuse a KDE it already computed). */
    public double[][] adjust(double[] baseTotals, EventSeries events, StudyRegion region, ForecastWindow window) {
        Periods periods = window.periods();
        double[][] out = new double[periods.count()][region.size()];
        if (events.monthResolution()) {
            return HourOfWeekProfile.of(events, window.trainingStart(), window.origin()).split(baseTotals, window);
        }
        double from = window.trainingStart();
        int first = events.firstAtOrAfter(from);
        int last = events.firstAtOrAfter(window.origin());
        HourOfWeekProfile profile = HourOfWeekProfile.of(events, from, window.origin());
        double[] dayFactor = dayFactors(events, first, last, from, window.origin());

        // Map-wide and per-cell class counts (a cell's count includes its eight neighbours).
        double[] global = new double[CLASSES];
        java.util.Map<Integer, double[]> own = new java.util.HashMap<>();
        for (int i = first; i < last; i++) {
            int k = timeClass(Periods.hourOfWeek(events.t(i)));
            global[k] += 1;
            int c = region.indexOfPoint(events.x(i), events.y(i));
            if (c >= 0) {
                own.computeIfAbsent(c, key -> new double[CLASSES])[k] += 1;
            }
        }
        double globalTotal = 0;
        for (int k = 0; k < CLASSES; k++) {
            global[k] += 1; // a pseudo-event per class keeps shares positive
            globalTotal += global[k];
        }
        double[] share = new double[CLASSES];
        for (int k = 0; k < CLASSES; k++) {
            share[k] = global[k] / globalTotal;
        }

        // Horizon weights per period and class, with and without the calendar.
        double[][] withCalendar = new double[periods.count()][CLASSES];
        double[] plain = new double[CLASSES];
        double start = window.origin();
        while (start < window.end() - 1e-12) {
            double hourEnd = Math.min(window.end(), (Math.floor(start * 24 + 1e-9) + 1) / 24.0);
            int how = Periods.hourOfWeek(start + 1e-9);
            double w = (hourEnd - start) * 24 * profile.rate(how);
            int k = timeClass(how);
            plain[k] += w;
            withCalendar[periods.periodOfHour(how)][k] += w * dayFactor[dayTypes.typeOf(DayTypes.dateOf(start + 1e-9))];
            start = hourEnd;
        }

        double[] g = new double[CLASSES];
        double[] counts = new double[CLASSES];
        for (int c = 0; c < region.size(); c++) {
            java.util.Arrays.fill(counts, 0);
            double n = 0;
            for (long dc = -1; dc <= 1; dc++) {
                for (long dr = -1; dr <= 1; dr++) {
                    int neighbour = region.indexOf(region.column(c) + dc, region.row(c) + dr);
                    double[] v = neighbour >= 0 ? own.get(neighbour) : null;
                    if (v != null) {
                        for (int k = 0; k < CLASSES; k++) {
                            counts[k] += v[k];
                            n += v[k];
                        }
                    }
                }
            }
            double norm = 0;
            for (int k = 0; k < CLASSES; k++) {
                g[k] = (counts[k] + shrink * share[k]) / (n + shrink) / share[k];
                norm += plain[k] * g[k];
            }
            for (int p = 0; p < out.length; p++) {
                double s = 0;
                for (int k = 0; k < CLASSES; k++) {
                    s += withCalendar[p][k] * g[k];
                }
                out[p][c] = baseTotals[c] * s / norm;
            }
        }
        return out;
    }

    /** Events per day of each type over events per ordinary day in the training window (1 pseudo-day each). */
    double[] dayFactors(EventSeries events, int first, int last, double from, double to) {
        double[] days = new double[DayTypes.COUNT];
        double[] counts = new double[DayTypes.COUNT];
        for (long d = (long) Math.ceil(from); d < (long) Math.floor(to); d++) {
            days[dayTypes.typeOf(java.time.LocalDate.ofEpochDay(d))] += 1;
        }
        for (int i = first; i < last; i++) {
            counts[dayTypes.typeOf(DayTypes.dateOf(events.t(i)))] += 1;
        }
        double ordinary = (counts[DayTypes.ORDINARY] + 1) / (days[DayTypes.ORDINARY] + 1);
        double[] f = new double[DayTypes.COUNT];
        for (int k = 0; k < DayTypes.COUNT; k++) {
            double perDay = (counts[k] + ordinary) / (days[k] + 1);
            f[k] = perDay / ordinary;
        }
        return f;
    }
}
