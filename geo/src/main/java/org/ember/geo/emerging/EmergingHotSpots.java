package org.ember.geo.emerging;

import java.util.ArrayList;
import java.util.List;
import org.ember.geo.hotspot.GetisOrd;
import org.ember.geo.hotspot.GiOptions;
import org.ember.geo.hotspot.HotSpot;
import org.ember.geo.hotspot.Weighting;
import org.ember.geo.math.SignificantZ;
import org.ember.geo.math.StandardNormal;
import org.ember.geo.neighbours.NeighbourList;

/**
 * Emerging hot spot analysis (after ArcGIS Pro's tool of that name):
 * <ol>
 *   <li>Space-time Gi* on every bin (location l, step s) of the cube, with binary weights. The
 *       neighbourhood of a bin is every bin whose location is within {@code distance} of l
 *       (l itself included) at step s and at step s − 1: ArcGIS's space-time neighbourhood with a
 *       neighbourhood time step of 1. Steps before the first do not exist, so bins of step 0 only
 *       see their own step. The mean and variance are those of all L·T bins.</li>
 *   <li>A bin is a hot (cold) spot when z &gt; 0 (z &lt; 0) and its two-sided p ≤ alpha
 *       (default 0.05).</li>
 *   <li>The Mann–Kendall test on each location's z series (in step order) gives its trend,
 *       significant when p ≤ alpha.</li>
 *   <li>{@link HotSpotCategory#classify} assigns the category.</li>
 * </ol>
 */
public final class EmergingHotSpots {
    public static final double DEFAULT_ALPHA = 0.05;

    private EmergingHotSpots() {}

    /** Gi* z-score of every bin, indexed [location][step]. */
    public static double[][] spaceTimeGiStar(SpaceTimeCube cube, double distance) {
        int locations = cube.locationCount();
        int steps = cube.stepCount();
        NeighbourList spatial = NeighbourList.withinDistance(cube.xs(), cube.ys(), distance);
        List<int[]> lists = new ArrayList<>(locations * steps);
        double[] values = new double[locations * steps];
        for (int l = 0; l < locations; l++) {
            int[] near = spatial.neighbours(l);
            for (int s = 0; s < steps; s++) {
                values[bin(l, s, steps)] = cube.value(l, s);
                int perStep = near.length + 1;
                int[] nb = new int[s > 0 ? 2 * perStep - 1 : perStep - 1];
                int k = 0;
                for (int j : near) {
                    nb[k++] = bin(j, s, steps);
                }
                if (s > 0) {
                    nb[k++] = bin(l, s - 1, steps);
                    for (int j : near) {
                        nb[k++] = bin(j, s - 1, steps);
                    }
                }
                lists.add(nb);
            }
        }
        List<HotSpot> gi = GetisOrd.compute(values, NeighbourList.of(lists), GiOptions.giStar());
        double[][] z = new double[locations][steps];
        for (int l = 0; l < locations; l++) {
            for (int s = 0; s < steps; s++) {
                z[l][s] = gi.get(bin(l, s, steps)).z();
            }
        }
        return z;
    }

    /**
     * The category of every location ({@link #analyse}'s, in location order) without the rest of its
     * outcome: Gi* z-scores without p-values or bins, the space-time neighbourhoods built in order
     * ({@link NeighbourList#spaceTime}), significance decided by comparing z with the critical value
     * ({@link SignificantZ}) and the trend by {@link MannKendall#significantTrend}. The same numbers
     * and decisions, so the same categories.
     */
    public static HotSpotCategory[] categories(SpaceTimeCube cube, double distance, double alpha) {
        SignificantZ significant = SignificantZ.at(alpha);
        int locations = cube.locationCount();
        int steps = cube.stepCount();
        NeighbourList spatial = NeighbourList.withinDistance(cube.xs(), cube.ys(), distance);
        double[] values = new double[locations * steps];
        for (int l = 0; l < locations; l++) {
            for (int s = 0; s < steps; s++) {
                values[bin(l, s, steps)] = cube.value(l, s);
            }
        }
        double[] z = GetisOrd.giStarZ(values, NeighbourList.spaceTime(spatial, steps), Weighting.BINARY);
        HotSpotCategory[] out = new HotSpotCategory[locations];
        boolean[] hot = new boolean[steps];
        boolean[] cold = new boolean[steps];
        double[] series = new double[steps];
        for (int l = 0; l < locations; l++) {
            for (int s = 0; s < steps; s++) {
                double zs = z[bin(l, s, steps)];
                series[s] = Double.isNaN(zs) ? 0.0 : zs;
                boolean significantHere = significant.test(zs);
                hot[s] = zs > 0 && significantHere;
                cold[s] = zs < 0 && significantHere;
            }
            int trend = MannKendall.significantTrend(series, significant);
            out[l] = HotSpotCategory.classify(hot, cold, trend > 0, trend < 0);
        }
        return out;
    }

    public static List<LocationTrend> analyse(SpaceTimeCube cube, double distance, double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must lie in (0, 1), got " + alpha);
        }
        double[][] z = spaceTimeGiStar(cube, distance);
        List<LocationTrend> result = new ArrayList<>(cube.locationCount());
        for (int l = 0; l < cube.locationCount(); l++) {
            int steps = cube.stepCount();
            boolean[] hot = new boolean[steps];
            boolean[] cold = new boolean[steps];
            int hotSteps = 0;
            int coldSteps = 0;
            double[] series = new double[steps];
            for (int s = 0; s < steps; s++) {
                double zs = z[l][s];
                // An undefined z (no variance in the whole cube) is neither hot nor cold; 0 keeps the trend defined.
                series[s] = Double.isNaN(zs) ? 0.0 : zs;
                double p = StandardNormal.twoSidedP(zs);
                hot[s] = zs > 0 && p <= alpha;
                cold[s] = zs < 0 && p <= alpha;
                hotSteps += hot[s] ? 1 : 0;
                coldSteps += cold[s] ? 1 : 0;
            }
            MannKendall.Result trend = MannKendall.test(series);
            HotSpotCategory category = HotSpotCategory.classify(hot, cold, trend.increasing(alpha),
                    trend.decreasing(alpha));
            result.add(new LocationTrend(cube.location(l), category, hotSteps, coldSteps, trend.tau(), trend.p()));
        }
        return result;
    }

    private static int bin(int location, int step, int steps) {
        return location * steps + step;
    }
}
