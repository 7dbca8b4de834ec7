package org.ember.geo.forecast;

/**
 * The share of events falling in each hour of the week over a training window, used to split a
 * method's expected count for the whole horizon into its periods. Counts get one pseudo-event per
 * hour (Laplace smoothing) so that an hour never seen is not forecast as impossible. With
 * month-resolution events the hour is unknown and the profile is flat.
 */
public final class HourOfWeekProfile {
    private final double[] rate = new double[168];

    private HourOfWeekProfile() {}

    public static HourOfWeekProfile of(EventSeries events, double from, double to) {
        HourOfWeekProfile p = new HourOfWeekProfile();
        java.util.Arrays.fill(p.rate, 1.0);
        if (!events.monthResolution()) {
            for (int i = events.firstAtOrAfter(from); i < events.size() && events.t(i) < to; i++) {
                p.rate[Periods.hourOfWeek(events.t(i))] += 1.0;
            }
        }
        return p;
    }

    /** Relative rate of hour-of-week h (any scale). */
    public double rate(int hourOfWeek) {
        return rate[hourOfWeek];
    }

    /**
     * Shares of the window's expected events falling in each period: the window's hours, each
     * weighted by its hour-of-week rate (a partial first or last hour by the part inside).
     */
    public double[] periodShares(ForecastWindow window) {
        Periods periods = window.periods();
        double[] shares = new double[periods.count()];
        double total = 0;
        double start = window.origin();
        while (start < window.end() - 1e-12) {
            double hourEnd = Math.min(window.end(), (Math.floor(start * 24 + 1e-9) + 1) / 24.0);
            double weight = (hourEnd - start) * 24 * rate[Periods.hourOfWeek(start + 1e-9)];
            shares[periods.periodOfHour(Periods.hourOfWeek(start + 1e-9))] += weight;
            total += weight;
            start = hourEnd;
        }
        for (int p = 0; p < shares.length; p++) {
            shares[p] /= total;
        }
        return shares;
    }

    /** Splits per-cell totals into periods by {@link #periodShares}. */
    public double[][] split(double[] totals, ForecastWindow window) {
        double[] shares = periodShares(window);
        double[][] out = new double[shares.length][totals.length];
        for (int p = 0; p < shares.length; p++) {
            for (int c = 0; c < totals.length; c++) {
                out[p][c] = totals[c] * shares[p];
            }
        }
        return out;
    }
}
