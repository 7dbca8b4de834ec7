package org.ember.geo.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A mutable hash grid over (x, y, t) with cells eps × eps × epsTime, so a neighbourhood query
 * looks at 27 cells at most. Holds any element type that exposes an {@link StPoint}.
 */
final class SpaceTimeGrid<E> {
    /** How to read an element's position. */
    @FunctionalInterface
    interface Locator<E> {
        StPoint pointOf(E element);
    }

    private record Cell(long cx, long cy, long ct) {}

    private final SpaceTimeNeighbourhood neighbourhood;
    private final double cellSize;
    private final double cellTime;
    private final Locator<E> locator;
    private final Map<Cell, List<E>> cells = new HashMap<>();

    SpaceTimeGrid(SpaceTimeNeighbourhood neighbourhood, Locator<E> locator) {
        this.neighbourhood = neighbourhood;
        // A zero eps still needs a positive cell; any positive size is correct, only slower or faster.
        this.cellSize = neighbourhood.eps() > 0 ? neighbourhood.eps() : 1.0;
        this.cellTime = neighbourhood.epsTime() > 0 && Double.isFinite(neighbourhood.epsTime())
                ? neighbourhood.epsTime() : Double.POSITIVE_INFINITY;
        this.locator = locator;
    }

    void add(E element) {
        cells.computeIfAbsent(cellOf(locator.pointOf(element)), c -> new ArrayList<>(4)).add(element);
    }

    void remove(E element) {
        Cell cell = cellOf(locator.pointOf(element));
        List<E> members = cells.get(cell);
        if (members == null || !members.remove(element)) {
            throw new IllegalStateException("element not in grid: " + locator.pointOf(element));
        }
        if (members.isEmpty()) {
            cells.remove(cell);
        }
    }

    /** All elements within the neighbourhood of p (p's own element included when present). */
    List<E> neighbours(StPoint p) {
        List<E> found = new ArrayList<>();
        Cell centre = cellOf(p);
        long tFrom = Double.isInfinite(cellTime) ? 0 : centre.ct() - 1;
        long tTo = Double.isInfinite(cellTime) ? 0 : centre.ct() + 1;
        for (long cx = centre.cx() - 1; cx <= centre.cx() + 1; cx++) {
            for (long cy = centre.cy() - 1; cy <= centre.cy() + 1; cy++) {
                for (long ct = tFrom; ct <= tTo; ct++) {
                    List<E> members = cells.get(new Cell(cx, cy, ct));
                    if (members == null) {
                        continue;
                    }
                    for (E e : members) {
                        if (neighbourhood.contains(p, locator.pointOf(e))) {
                            found.add(e);
                        }
                    }
                }
            }
        }
        return found;
    }

    private Cell cellOf(StPoint p) {
        long ct = Double.isInfinite(cellTime) ? 0 : (long) Math.floor(p.t() / cellTime);
        return new Cell((long) Math.floor(p.x() / cellSize), (long) Math.floor(p.y() / cellSize), ct);
    }
}
