package org.ember.geo.forecast;

import java.util.Arrays;

/**
 * Point events for forecasting: projected x, y (metres) and a time t in days since 1970-01-01 of
 * the local wall clock (the hour of day and the day of week are read from t as they would be read
 * off a local clock, so no time zone is involved). Sorted by time on construction.
 *
 * <p>{@code monthResolution} marks sources that give only the month (police.uk): each event then
 * sits at the middle of its month, and methods that use the hour of the week treat it as unknown.
 */
public final class EventSeries {
    private final double[] x;
    private final double[] y;
    private final double[] t;
    private final boolean monthResolution;

    public EventSeries(double[] x, double[] y, double[] t, boolean monthResolution) {
        int n = x.length;
        if (y.length != n || t.length != n) {
            throw new IllegalArgumentException("x, y and t differ in length");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            if (!(Double.isFinite(x[i]) && Double.isFinite(y[i]) && Double.isFinite(t[i]))) {
                throw new IllegalArgumentException("event " + i + " has a non-finite coordinate or time");
            }
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(t[a], t[b]));
        this.x = new double[n];
        this.y = new double[n];
        this.t = new double[n];
        for (int i = 0; i < n; i++) {
            this.x[i] = x[order[i]];
            this.y[i] = y[order[i]];
            this.t[i] = t[order[i]];
        }
        this.monthResolution = monthResolution;
    }

    public int size() {
        return t.length;
    }

    public double x(int i) {
        return x[i];
    }

    public double y(int i) {
        return y[i];
    }

    public double t(int i) {
        return t[i];
    }

    public boolean monthResolution() {
        return monthResolution;
    }

    /** Index of the first event at or after time {@code time}. */
    public int firstAtOrAfter(double time) {
        int lo = 0;
        int hi = t.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (t[mid] < time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    public double firstTime() {
        return t.length == 0 ? Double.NaN : t[0];
    }

    public double lastTime() {
        return t.length == 0 ? Double.NaN : t[t.length - 1];
    }
}
