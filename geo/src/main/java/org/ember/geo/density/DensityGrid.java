package org.ember.geo.density;

/**
 * A raster of density values: {@code columns × rows} cells of side {@code cellSize} whose lower-left
 * corner is (xmin, ymin). Cell (i, j) is centred on (xmin + (i + ½)·cellSize, ymin + (j + ½)·cellSize);
 * i counts columns eastwards, j rows northwards. Values are events per square unit.
 */
public final class DensityGrid {
    private final double xmin;
    private final double ymin;
    private final double cellSize;
    private final int columns;
    private final int rows;
    private final double[] values; // row-major: j * columns + i

    DensityGrid(double xmin, double ymin, double cellSize, int columns, int rows, double[] values) {
        this.xmin = xmin;
        this.ymin = ymin;
        this.cellSize = cellSize;
        this.columns = columns;
        this.rows = rows;
        this.values = values;
    }

    public int columns() {
        return columns;
    }

    public int rows() {
        return rows;
    }

    public double cellSize() {
        return cellSize;
    }

    public double centreX(int i) {
        return xmin + (i + 0.5) * cellSize;
    }

    public double centreY(int j) {
        return ymin + (j + 0.5) * cellSize;
    }

    /** Density at the centre of cell (i, j), events per square unit. */
    public double value(int i, int j) {
        return values[j * columns + i];
    }

    /** Σ density × cell area: the number of events the surface holds within the grid. */
    public double integral() {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum * cellSize * cellSize;
    }
}
