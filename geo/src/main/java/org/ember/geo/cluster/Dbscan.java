package org.ember.geo.cluster;

import org.ember.geo.neighbours.NeighbourList;
import org.ember.geo.neighbours.PointBuckets;

/**
 * DBSCAN (Ester et al. 1996) on planar points, matching R {@code dbscan::dbscan(x, eps, minPts)}
 * exactly (reference tests on real data): eps is inclusive (distance ≤ eps), minPts counts the
 * point itself, noise is 0, clusters are numbered in order of their first core point by index,
 * and a border point belongs to the first cluster that reaches it.
 */
public final class Dbscan {
    private Dbscan() {}

    public static Clustering cluster(double[] x, double[] y, double eps, int minPts) {
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("eps must be finite and non-negative, got " + eps);
        }
        if (x.length == 0) {
            return new Clustering(new int[0], new boolean[0], 0);
        }
        NeighbourList neighbours = PointBuckets.build(x, y, eps).neighboursWithin(eps);
        return DensityClusterer.run(x.length, minPts, i -> withSelf(i, neighbours.neighbours(i)));
    }

    static int[] withSelf(int i, int[] others) {
        int[] all = new int[others.length + 1];
        all[0] = i;
        System.arraycopy(others, 0, all, 1, others.length);
        return all;
    }
}
