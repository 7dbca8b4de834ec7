package org.ember.geo.cluster;

import java.util.List;

/**
 * ST-DBSCAN in the sense used for crime events: DBSCAN where two events are neighbours when
 * max(d/eps, |Δt|/epsTime) ≤ 1 (see {@link SpaceTimeNeighbourhood}). Birant &amp; Kut's extra
 * non-spatial attribute threshold is not used. Labels follow {@link Dbscan}'s (R-compatible)
 * numbering, with the input order as index order. With epsTime = ∞ it is exactly {@link Dbscan}.
 */
public final class StDbscan {
    private StDbscan() {}

    public static Clustering cluster(List<StPoint> points, SpaceTimeNeighbourhood neighbourhood, int minPts) {
        int n = points.size();
        SpaceTimeGrid<Integer> grid = new SpaceTimeGrid<>(neighbourhood, points::get);
        for (int i = 0; i < n; i++) {
            grid.add(i);
        }
        return DensityClusterer.run(n, minPts, i -> grid.neighbours(points.get(i)).stream()
                .mapToInt(Integer::intValue).toArray());
    }
}
