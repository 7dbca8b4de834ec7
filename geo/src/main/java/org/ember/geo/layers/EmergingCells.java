package org.ember.geo.layers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ember.geo.emerging.EmergingHotSpots;
import org.ember.geo.emerging.HotSpotCategory;
import org.ember.geo.emerging.SpaceTimeCube;
import org.ember.geo.grid.GridCell;

/**
 * Emerging hot-spot categories of grid cells ({@link EmergingHotSpots}) from their daily counts,
 * recomputed on a schedule. The cube holds the cells with any incident in the period.
 */
public final class EmergingCells {
    private final double distanceCells;

    public EmergingCells(double distanceCells) {
        this.distanceCells = distanceCells;
    }

    /**
     * @param dailyCounts per cell id, the counts of each day of the period (all the same length)
     * @return the category of every cell of the cube
     */
    public Map<String, HotSpotCategory> classify(Map<String, long[]> dailyCounts) {
        Map<String, HotSpotCategory> out = new LinkedHashMap<>();
        if (dailyCounts.size() * dailyCounts.values().stream().mapToInt(a -> a.length).max().orElse(0) < 3) {
            return out;
        }
        List<String> ids = new ArrayList<>(dailyCounts.keySet());
        double[] x = new double[ids.size()];
        double[] y = new double[ids.size()];
        double[][] values = new double[ids.size()][];
        double side = 0;
        for (int i = 0; i < ids.size(); i++) {
            GridCell cell = GridCell.parse(ids.get(i));
            side = cell.sizeMetres();
            x[i] = cell.centreX();
            y[i] = cell.centreY();
            long[] counts = dailyCounts.get(ids.get(i));
            values[i] = new double[counts.length];
            for (int s = 0; s < counts.length; s++) {
                values[i][s] = counts[s];
            }
        }
        HotSpotCategory[] categories = EmergingHotSpots.categories(SpaceTimeCube.of(ids, x, y, values),
                distanceCells * side, EmergingHotSpots.DEFAULT_ALPHA);
        for (int i = 0; i < ids.size(); i++) {
            out.put(ids.get(i), categories[i]);
        }
        return out;
    }

    /** Whether a category describes a place that is hot now. */
    public static boolean hotNow(HotSpotCategory category) {
        return switch (category) {
            case NEW_HOT_SPOT, CONSECUTIVE_HOT_SPOT, INTENSIFYING_HOT_SPOT, PERSISTENT_HOT_SPOT, DIMINISHING_HOT_SPOT,
                    SPORADIC_HOT_SPOT, OSCILLATING_HOT_SPOT -> true;
            default -> false;
        };
    }
}
