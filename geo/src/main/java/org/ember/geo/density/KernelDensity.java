package org.ember.geo.density;

/**
 * Kernel density of point events with the {@link QuarticKernel}, evaluated at cell centres:
 * density(c) = Σ_k K(|c − p_k|), in events per square unit (no scaling to km² or per-hectare:
 * multiply by the area unit you want). Events outside the extent still contribute to cells
 * within h of them. Cost is O(n·(h/cell)²), independent of the extent.
 */
public final class KernelDensity {
    private KernelDensity() {}

    /**
     * Builds the grid covering {@code extent}: ceil(width/cellSize) columns and ceil(height/cellSize)
     * rows (a partial last column or row is kept whole, so the grid may overhang xmax/ymax).
     */
    public static DensityGrid estimate(double[] x, double[] y, Extent extent, double cellSize, double bandwidth) {
        return estimate(x, y, null, extent, cellSize, bandwidth);
    }

    /**
     * As {@link #estimate(double[], double[], Extent, double, double)} with a weight per event
     * (density(c) = Σ_k w_k·K(|c − p_k|)); {@code weights} null means every weight is 1. Used by the
     * time-weighted forecasts, where older events count less.
     */
    public static DensityGrid estimate(double[] x, double[] y, double[] weights, Extent extent, double cellSize,
            double bandwidth) {
        if (x.length != y.length || (weights != null && weights.length != x.length)) {
            throw new IllegalArgumentException("x and y differ in length");
        }
        if (!(cellSize > 0) || Double.isInfinite(cellSize)) {
            throw new IllegalArgumentException("cell size must be positive, got " + cellSize);
        }
        if (!(bandwidth > 0) || Double.isInfinite(bandwidth)) {
            throw new IllegalArgumentException("bandwidth must be positive, got " + bandwidth);
        }
        long columnsL = cellCount(extent.width(), cellSize);
        long rowsL = cellCount(extent.height(), cellSize);
        if (columnsL * rowsL > 200_000_000L) {
            throw new IllegalArgumentException("grid of " + columnsL + " x " + rowsL + " cells is too large");
        }
        int columns = (int) columnsL;
        int rows = (int) rowsL;
        double[] values = new double[columns * rows];
        double h2 = bandwidth * bandwidth;
        double norm = 3.0 / (Math.PI * h2);
        for (int k = 0; k < x.length; k++) {
            double px = x[k];
            double py = y[k];
            double wnorm = weights == null ? norm : norm * weights[k];
            // Cells whose centre may lie within h: centre index i satisfies |xmin+(i+½)C − px| < h.
            int i0 = (int) Math.max(0, Math.ceil((px - bandwidth - extent.xmin()) / cellSize - 0.5));
            int i1 = (int) Math.min(columns - 1, Math.floor((px + bandwidth - extent.xmin()) / cellSize - 0.5));
            int j0 = (int) Math.max(0, Math.ceil((py - bandwidth - extent.ymin()) / cellSize - 0.5));
            int j1 = (int) Math.min(rows - 1, Math.floor((py + bandwidth - extent.ymin()) / cellSize - 0.5));
            for (int j = j0; j <= j1; j++) {
                double dy = extent.ymin() + (j + 0.5) * cellSize - py;
                double dy2 = dy * dy;
                int row = j * columns;
                for (int i = i0; i <= i1; i++) {
                    double dx = extent.xmin() + (i + 0.5) * cellSize - px;
                    double d2 = dx * dx + dy2;
                    if (d2 < h2) {
                        double u = 1.0 - d2 / h2;
                        values[row + i] += wnorm * u * u;
                    }
                }
            }
        }
        return new DensityGrid(extent.xmin(), extent.ymin(), cellSize, columns, rows, values);
    }

    private static long cellCount(double length, double cellSize) {
        // A tiny tolerance so that a width that is an exact multiple of the cell in decimal
        // (e.g. 1000 / 0.1) does not gain a sliver column from rounding.
        return Math.max(1, (long) Math.ceil(length / cellSize - 1e-9));
    }
}
