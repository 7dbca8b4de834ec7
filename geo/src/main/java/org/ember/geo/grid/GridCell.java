package org.ember.geo.grid;

import java.util.ArrayList;
import java.util.List;

/**
 * A square cell of a projected grid, identified by its size and the integer column and row of its
 * south-west corner. Ids read like {@code 250m:1436:691} so that a cell is recognisable in logs and
 * rule files and can be turned back into a square without a lookup.
 */
public record GridCell(int sizeMetres, long column, long row) {

    public static GridCell containing(double x, double y, int sizeMetres) {
        return new GridCell(sizeMetres, (long) Math.floor(x / sizeMetres), (long) Math.floor(y / sizeMetres));
    }

    public static GridCell parse(String id) {
        String[] parts = id.split(":");
        if (parts.length != 3 || !parts[0].endsWith("m")) {
            throw new IllegalArgumentException("not a grid cell id: '" + id + "' (expected like 250m:1436:691)");
        }
        return new GridCell(Integer.parseInt(parts[0].substring(0, parts[0].length() - 1)),
                Long.parseLong(parts[1]), Long.parseLong(parts[2]));
    }

    public String id() {
        return sizeMetres + "m:" + column + ":" + row;
    }

    public double minX() {
        return (double) column * sizeMetres;
    }

    public double minY() {
        return (double) row * sizeMetres;
    }

    public double centreX() {
        return minX() + sizeMetres / 2.0;
    }

    public double centreY() {
        return minY() + sizeMetres / 2.0;
    }

    /** The eight cells sharing an edge or a corner (queen contiguity). */
    public List<GridCell> neighbours() {
        return neighboursWithin(1);
    }

    /** All cells within {@code rings} steps in each direction, excluding this one. */
    public List<GridCell> neighboursWithin(int rings) {
        List<GridCell> cells = new ArrayList<>((2 * rings + 1) * (2 * rings + 1) - 1);
        for (long dc = -rings; dc <= rings; dc++) {
            for (long dr = -rings; dr <= rings; dr++) {
                if (dc != 0 || dr != 0) {
                    cells.add(new GridCell(sizeMetres, column + dc, row + dr));
                }
            }
        }
        return cells;
    }
}
