package org.ember.geo.area;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * A raster of the areas that answers most point lookups with one array read. Every polygon edge
 * marks the cells its bounding box touches as boundary cells (each with its candidate areas); every
 * other cell is crossed by no edge at all, so it lies wholly inside one area or wholly outside, and
 * a scan-line fill at the cell centres says which. Only points in boundary cells need an exact
 * point-in-polygon test, against a handful of candidates.
 */
final class AreaRaster {
    static final int OUTSIDE = -1;
    static final int BOUNDARY = -2;
    /** Grid size bound: a few million cells keeps the raster at tens of megabytes. */
    private static final long MAX_CELLS = 8_000_000L;
    private static final double MIN_CELL_DEGREES = 0.0005;

    private final double minX;
    private final double minY;
    private final double cell;
    private final int nx;
    private final int ny;
    /**
     * An area index, {@link #OUTSIDE}, or for a boundary cell {@code BOUNDARY - k}: its candidates are
     * {@code candidates[k]} (an array read, no boxed map look-up per point).
     */
    private final int[] cells;
    private final int[][] candidates;

    AreaRaster(List<Geometry> geometries) {
        Envelope extent = new Envelope();
        geometries.forEach(g -> extent.expandToInclude(g.getEnvelopeInternal()));
        this.cell = Math.max(MIN_CELL_DEGREES, Math.sqrt(extent.getArea() / MAX_CELLS));
        this.minX = extent.getMinX() - cell;
        this.minY = extent.getMinY() - cell;
        this.nx = (int) Math.ceil(extent.getWidth() / cell) + 3;
        this.ny = (int) Math.ceil(extent.getHeight() / cell) + 3;
        this.cells = new int[nx * ny];
        java.util.Arrays.fill(cells, OUTSIDE);
        Map<Integer, List<Integer>> boundary = new HashMap<>();
        for (int area = 0; area < geometries.size(); area++) {
            for (LinearRing ring : rings(geometries.get(area))) {
                markEdges(ring.getCoordinates(), area, boundary);
            }
        }
        for (int area = 0; area < geometries.size(); area++) {
            Geometry g = geometries.get(area);
            for (int p = 0; p < g.getNumGeometries(); p++) {
                fill((Polygon) g.getGeometryN(p), area, boundary);
            }
        }
        this.candidates = new int[boundary.size()][];
        int k = 0;
        for (Map.Entry<Integer, List<Integer>> entry : boundary.entrySet()) {
            candidates[k] = entry.getValue().stream().mapToInt(Integer::intValue).toArray();
            cells[entry.getKey()] = BOUNDARY - k;
            k++;
        }
    }

    /**
     * The area index (≥ 0), {@link #OUTSIDE}, or a boundary cell (≤ {@link #BOUNDARY}: pass it to
     * {@link #candidates(int)}).
     */
    int lookup(double x, double y) {
        int i = (int) Math.floor((x - minX) / cell);
        int j = (int) Math.floor((y - minY) / cell);
        if (i < 0 || j < 0 || i >= nx || j >= ny) {
            return OUTSIDE;
        }
        return cells[j * nx + i];
    }

    /** The candidate areas of a boundary cell, from its {@link #lookup} value. */
    int[] candidates(int boundaryCell) {
        return candidates[BOUNDARY - boundaryCell];
    }

    double cellSize() {
        return cell;
    }

    int boundaryCells() {
        return candidates.length;
    }

    private static List<LinearRing> rings(Geometry geometry) {
        List<LinearRing> rings = new ArrayList<>();
        for (int p = 0; p < geometry.getNumGeometries(); p++) {
            Polygon polygon = (Polygon) geometry.getGeometryN(p);
            rings.add(polygon.getExteriorRing());
            for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
                rings.add(polygon.getInteriorRingN(h));
            }
        }
        return rings;
    }

    private void markEdges(Coordinate[] ring, int area, Map<Integer, List<Integer>> boundary) {
        for (int k = 0; k + 1 < ring.length; k++) {
            int i0 = column(Math.min(ring[k].x, ring[k + 1].x));
            int i1 = column(Math.max(ring[k].x, ring[k + 1].x));
            int j0 = row(Math.min(ring[k].y, ring[k + 1].y));
            int j1 = row(Math.max(ring[k].y, ring[k + 1].y));
            for (int j = j0; j <= j1; j++) {
                for (int i = i0; i <= i1; i++) {
                    int index = j * nx + i;
                    cells[index] = BOUNDARY;
                    List<Integer> list = boundary.computeIfAbsent(index, x -> new ArrayList<>(2));
                    if (!list.contains(area)) {
                        list.add(area);
                    }
                }
            }
        }
    }

    /**
     * Scan-line fill at cell centres, even-odd over all rings so holes stay out. A boundary cell whose
     * centre is inside the polygon gets the polygon as a candidate too: no edge of it may cross the
     * cell (another area's edge made it a boundary cell), and then the polygon covers the whole cell.
     */
    private void fill(Polygon polygon, int area, Map<Integer, List<Integer>> boundary) {
        Envelope env = polygon.getEnvelopeInternal();
        List<Coordinate[]> rings = new ArrayList<>();
        rings.add(polygon.getExteriorRing().getCoordinates());
        for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
            rings.add(polygon.getInteriorRingN(h).getCoordinates());
        }
        double[] crossings = new double[64];
        for (int j = row(env.getMinY()); j <= row(env.getMaxY()); j++) {
            double y = minY + (j + 0.5) * cell;
            int n = 0;
            for (Coordinate[] ring : rings) {
                for (int k = 0; k + 1 < ring.length; k++) {
                    Coordinate a = ring[k];
                    Coordinate b = ring[k + 1];
                    if ((a.y <= y) != (b.y <= y)) {
                        if (n == crossings.length) {
                            crossings = java.util.Arrays.copyOf(crossings, n * 2);
                        }
                        crossings[n++] = a.x + (y - a.y) * (b.x - a.x) / (b.y - a.y);
                    }
                }
            }
            java.util.Arrays.sort(crossings, 0, n);
            for (int c = 0; c + 1 < n; c += 2) {
                int from = (int) Math.ceil((crossings[c] - minX) / cell - 0.5);
                int to = (int) Math.floor((crossings[c + 1] - minX) / cell - 0.5);
                for (int i = Math.max(0, from); i <= Math.min(nx - 1, to); i++) {
                    int index = j * nx + i;
                    if (cells[index] == OUTSIDE) {
                        cells[index] = area;
                    } else if (cells[index] == BOUNDARY) {
                        List<Integer> list = boundary.get(index);
                        if (!list.contains(area)) {
                            list.add(area);
                        }
                    }
                }
            }
        }
    }

    private int column(double x) {
        return Math.max(0, Math.min(nx - 1, (int) Math.floor((x - minX) / cell)));
    }

    private int row(double y) {
        return Math.max(0, Math.min(ny - 1, (int) Math.floor((y - minY) / cell)));
    }
}
