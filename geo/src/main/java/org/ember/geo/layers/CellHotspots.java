package org.ember.geo.layers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ember.geo.grid.GridCell;
import org.ember.geo.hotspot.GetisOrd;
import org.ember.geo.hotspot.GiOptions;
import org.ember.geo.hotspot.HotSpot;
import org.ember.geo.neighbours.NeighbourList;

/**
 * Live Gi* of grid cells over a sliding window. The study area is not every cell of the map (on a
 * 250 m grid almost all are empty, and one incident would then be "significant") but the cells that
 * saw an incident within the universe period plus the neighbours of every cell counted in the
 * window, so a hot cell is judged against the places where incidents happen.
 */
public final class CellHotspots {
    private final HotspotSettings settings;

    public CellHotspots(HotspotSettings settings) {
        this.settings = settings;
    }

    /** One incident in a cell. */
    public record CellEvent(String cellId, long time) {}

    /**
     * A scored cell.
     *
     * @param count incidents in the window
     * @param z     Gi* z (0 when undefined)
     * @param bin   Gi* confidence bin (±3, ±2, ±1, 0)
     * @param hot   bin ≥ the configured hot bin and count ≥ the configured minimum
     */
    public record CellScore(String cellId, long count, double z, int bin, boolean hot) {}

    /**
     * Scores the cells at {@code asOf}: every cell with an incident in the window, and every cell
     * of the study area with a positive bin (an empty cell ringed by busy ones is part of the hot spot).
     */
    public Map<String, CellScore> score(Iterable<CellEvent> events, long asOf) {
        long windowStart = asOf - settings.giWindow().toMillis();
        long universeStart = asOf - settings.giUniverse().toMillis();
        // Cells as grid records, not ids: the study area is built from neighbours, and parsing and
        // formatting ids thousands of times an hour is most of the cost.
        Map<String, GridCell> parsed = new HashMap<>();
        Map<GridCell, Long> counts = new HashMap<>();
        Set<GridCell> universe = new HashSet<>();
        for (CellEvent e : events) {
            if (e.cellId() == null || e.time() >= asOf || e.time() < universeStart) {
                continue;
            }
            GridCell cell = parsed.computeIfAbsent(e.cellId(), GridCell::parse);
            universe.add(cell);
            if (e.time() >= windowStart) {
                counts.merge(cell, 1L, Long::sum);
            }
        }
        int rings = (int) Math.ceil(settings.giDistanceCells());
        for (GridCell cell : counts.keySet()) {
            universe.addAll(cell.neighboursWithin(rings));
        }
        Map<String, CellScore> out = new LinkedHashMap<>();
        if (counts.isEmpty()) {
            return out;
        }
        List<GridCell> cells = new ArrayList<>(universe);
        cells.sort(Comparator.comparingLong(GridCell::column).thenComparingLong(GridCell::row));
        int n = cells.size();
        double[] x = new double[n];
        double[] y = new double[n];
        double[] values = new double[n];
        double side = 0;
        for (int i = 0; i < n; i++) {
            GridCell cell = cells.get(i);
            side = cell.sizeMetres();
            x[i] = cell.centreX();
            y[i] = cell.centreY();
            values[i] = counts.getOrDefault(cell, 0L);
        }
        List<HotSpot> gi = null;
        if (n >= 3) {
            gi = GetisOrd.compute(values, NeighbourList.withinDistance(x, y, settings.giDistanceCells() * side),
                    GiOptions.giStar());
        }
        for (int i = 0; i < n; i++) {
            long count = (long) values[i];
            double z = gi == null || Double.isNaN(gi.get(i).z()) ? 0 : gi.get(i).z();
            int bin = gi == null ? 0 : gi.get(i).bin();
            if (count > 0 || bin > 0) {
                boolean hot = bin >= settings.hotBin() && count >= settings.minHotCount();
                String id = cells.get(i).id();
                out.put(id, new CellScore(id, count, z, bin, hot));
            }
        }
        return out;
    }
}
