package org.ember.geo.forecast;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * The cells a forecast ranks: squares of {@code cellSize} on the grid anchored at (0, 0), the grid
 * of {@link org.ember.geo.grid.GridCell} and of {@link org.ember.geo.scoring.ForecastScoring}. Cells
 * are indexed west to east, then south to north within a column, the order in which the scorer
 * breaks ties. The study area A of PAI is the number of cells times the cell area.
 *
 * <p>Two ways to draw the region, both from all the events given (so that every method and every
 * origin is scored on the same area): {@link #convexHull} takes the cells whose centre lies inside
 * the convex hull of the events (the usual choice in the PAI literature; it includes empty parks,
 * water inside the hull and so on, which raises every method's PAI alike); {@link #coveredCells}
 * takes the cells that hold at least one event (the smallest honest area: PAI is lower).
 */
public final class StudyRegion {
    private final double cellSize;
    private final long[] columns;
    private final long[] rows;
    private final Map<Long, Integer> index;
    private final long minColumn;
    private final long minRow;
    private final long maxColumn;
    private final long maxRow;

    private StudyRegion(double cellSize, long[] columns, long[] rows) {
        if (columns.length == 0) {
            throw new IllegalArgumentException("the study region has no cells");
        }
        this.cellSize = cellSize;
        this.columns = columns;
        this.rows = rows;
        this.index = new HashMap<>(columns.length * 2);
        long c0 = Long.MAX_VALUE;
        long r0 = Long.MAX_VALUE;
        long c1 = Long.MIN_VALUE;
        long r1 = Long.MIN_VALUE;
        for (int i = 0; i < columns.length; i++) {
            index.put(pack(columns[i], rows[i]), i);
            c0 = Math.min(c0, columns[i]);
            r0 = Math.min(r0, rows[i]);
            c1 = Math.max(c1, columns[i]);
            r1 = Math.max(r1, rows[i]);
        }
        this.minColumn = c0;
        this.minRow = r0;
        this.maxColumn = c1;
        this.maxRow = r1;
    }

    private static long pack(long column, long row) {
        return (column << 32) ^ (row & 0xffffffffL);
    }

    private static void requireCell(double cellSize) {
        if (!(cellSize > 0) || Double.isInfinite(cellSize)) {
            throw new IllegalArgumentException("cell size must be positive, got " + cellSize);
        }
    }

    /** The cells holding at least one event. */
    public static StudyRegion coveredCells(EventSeries events, double cellSize) {
        requireCell(cellSize);
        java.util.TreeSet<long[]> cells = new java.util.TreeSet<>(StudyRegion::compareCells);
        for (int i = 0; i < events.size(); i++) {
            cells.add(new long[] {(long) Math.floor(events.x(i) / cellSize), (long) Math.floor(events.y(i) / cellSize)});
        }
        return of(cellSize, new ArrayList<>(cells));
    }

    /** The cells whose centre lies inside (or on) the convex hull of the events, plus every cell holding an event. */
    public static StudyRegion convexHull(EventSeries events, double cellSize) {
        requireCell(cellSize);
        GeometryFactory factory = new GeometryFactory();
        Coordinate[] points = new Coordinate[events.size()];
        for (int i = 0; i < events.size(); i++) {
            points[i] = new Coordinate(events.x(i), events.y(i));
        }
        Geometry hull = factory.createMultiPointFromCoords(points).convexHull();
        PreparedGeometry prepared = PreparedGeometryFactory.prepare(hull);
        java.util.TreeSet<long[]> cells = new java.util.TreeSet<>(StudyRegion::compareCells);
        var env = hull.getEnvelopeInternal();
        long c0 = (long) Math.floor(env.getMinX() / cellSize);
        long c1 = (long) Math.floor(env.getMaxX() / cellSize);
        long r0 = (long) Math.floor(env.getMinY() / cellSize);
        long r1 = (long) Math.floor(env.getMaxY() / cellSize);
        if ((c1 - c0 + 1) * (r1 - r0 + 1) > 50_000_000L) {
            throw new IllegalArgumentException("the hull spans more than 50 million cells: use a larger cell");
        }
        for (long c = c0; c <= c1; c++) {
            for (long r = r0; r <= r1; r++) {
                Coordinate centre = new Coordinate((c + 0.5) * cellSize, (r + 0.5) * cellSize);
                if (prepared.covers(factory.createPoint(centre))) {
                    cells.add(new long[] {c, r});
                }
            }
        }
        for (int i = 0; i < events.size(); i++) {
            cells.add(new long[] {(long) Math.floor(events.x(i) / cellSize), (long) Math.floor(events.y(i) / cellSize)});
        }
        return of(cellSize, new ArrayList<>(cells));
    }

    /** A region of the given cells (column, row pairs), in any order. */
    public static StudyRegion of(double cellSize, List<long[]> cells) {
        requireCell(cellSize);
        List<long[]> sorted = new ArrayList<>(cells);
        sorted.sort(StudyRegion::compareCells);
        long[] columns = new long[sorted.size()];
        long[] rows = new long[sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            columns[i] = sorted.get(i)[0];
            rows[i] = sorted.get(i)[1];
        }
        return new StudyRegion(cellSize, columns, rows);
    }

    private static int compareCells(long[] a, long[] b) {
        int c = Long.compare(a[0], b[0]);
        return c != 0 ? c : Long.compare(a[1], b[1]);
    }

    public int size() {
        return columns.length;
    }

    public double cellSize() {
        return cellSize;
    }

    /** Study area in square units: cells × cell². */
    public double area() {
        return columns.length * cellSize * cellSize;
    }

    public long column(int cell) {
        return columns[cell];
    }

    public long row(int cell) {
        return rows[cell];
    }

    public double centreX(int cell) {
        return (columns[cell] + 0.5) * cellSize;
    }

    public double centreY(int cell) {
        return (rows[cell] + 0.5) * cellSize;
    }

    public long minColumn() {
        return minColumn;
    }

    public long minRow() {
        return minRow;
    }

    public long maxColumn() {
        return maxColumn;
    }

    public long maxRow() {
        return maxRow;
    }

    /** Index of the cell at (column, row), or −1 outside the region. */
    public int indexOf(long column, long row) {
        Integer i = index.get(pack(column, row));
        return i == null ? -1 : i;
    }

    /** Index of the cell holding (x, y), or −1 outside the region. */
    public int indexOfPoint(double x, double y) {
        return indexOf((long) Math.floor(x / cellSize), (long) Math.floor(y / cellSize));
    }

    /** Cell index of each event (−1 outside), computed once per series. */
    public int[] cellsOf(EventSeries events) {
        int[] cells = new int[events.size()];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = indexOfPoint(events.x(i), events.y(i));
        }
        return cells;
    }

    @Override
    public String toString() {
        return "StudyRegion[" + columns.length + " cells of " + cellSize + ", columns " + minColumn + ".." + maxColumn
                + ", rows " + minRow + ".." + maxRow + "]";
    }
}
