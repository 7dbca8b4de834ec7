package org.ember.geo.forecast;

import org.ember.geo.density.DensityGrid;
import org.ember.geo.density.Extent;
import org.ember.geo.density.KernelDensity;

/**
 * Time-weighted quartic kernel density ("prospective hotspotting", Bowers, Johnson &amp; Pease 2004,
 * Br J Criminol 44:641; KDE for hotspot forecasts as in Chainey, Tompson &amp; Uhlig 2008): each
 * training event i weighs w_i = exp(−(origin − t_i)/τ) (τ ≤ 0: every weight 1), and
 * <pre>
 *   expected(c) = H · (N_L / L) · Σ_i w_i K(|centre(c) − p_i|) · cell² / Σ_i w_i
 * </pre>
 * with K the quartic kernel of bandwidth h ({@link org.ember.geo.density.QuarticKernel}), N_L the
 * events of the L training days and H the horizon in days: the surface carries the recent daily
 * rate, spread in space by the kernel and tilted towards recent events. The kernel is read at the
 * cell centre (cells are small next to h). Periods split by the training hour-of-week profile.
 */
public final class TimeWeightedKde implements ForecastMethod {
    private final double bandwidth;
    private final double decayDays;

    public TimeWeightedKde(double bandwidth, double decayDays) {
        if (!(bandwidth > 0)) {
            throw new IllegalArgumentException("bandwidth must be positive, got " + bandwidth);
        }
        this.bandwidth = bandwidth;
        this.decayDays = decayDays;
    }

    @Override
    public String name() {
        return "kde";
    }

    public double bandwidth() {
        return bandwidth;
    }

    public double decayDays() {
        return decayDays;
    }

    /** Expected counts over the whole horizon per cell (before the split into periods). */
    public double[] totals(EventSeries events, StudyRegion region, ForecastWindow window) {
        double from = window.trainingStart();
        int first = events.firstAtOrAfter(from);
        int last = events.firstAtOrAfter(window.origin());
        int n = last - first;
        double[] totals = new double[region.size()];
        if (n == 0) {
            return totals;
        }
        double[] x = new double[n];
        double[] y = new double[n];
        double[] w = new double[n];
        double sumW = 0;
        for (int k = 0; k < n; k++) {
            int i = first + k;
            x[k] = events.x(i);
            y[k] = events.y(i);
            w[k] = decayDays > 0 ? Math.exp(-(window.origin() - events.t(i)) / decayDays) : 1.0;
            sumW += w[k];
        }
        double cell = region.cellSize();
        Extent extent = new Extent(region.minColumn() * cell, region.minRow() * cell,
                (region.maxColumn() + 1) * cell, (region.maxRow() + 1) * cell);
        DensityGrid grid = KernelDensity.estimate(x, y, w, extent, cell, bandwidth);
        double scale = window.horizonDays() * (n / window.trainingDays()) * cell * cell / sumW;
        for (int c = 0; c < totals.length; c++) {
            int i = (int) (region.column(c) - region.minColumn());
            int j = (int) (region.row(c) - region.minRow());
            totals[c] = grid.value(i, j) * scale;
        }
        return totals;
    }

    @Override
    public double[][] forecast(EventSeries events, StudyRegion region, ForecastWindow window) {
        return HourOfWeekProfile.of(events, window.trainingStart(), window.origin())
                .split(totals(events, region, window), window);
    }
}
