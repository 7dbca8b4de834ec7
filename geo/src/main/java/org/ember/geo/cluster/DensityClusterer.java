package org.ember.geo.cluster;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The DBSCAN expansion shared by {@link Dbscan} and {@link StDbscan}, written to reproduce R
 * {@code dbscan::dbscan} label for label: points are scanned by index; an unvisited point with
 * at least minPts neighbours (itself included) starts the next cluster, which is expanded through
 * core points until nothing more is density-reachable. A border point is claimed by the first
 * cluster that reaches it, so among the clusters it touches it joins the one whose first core
 * point has the smallest index.
 */
final class DensityClusterer {
    /** The neighbourhood of point i, including i itself. */
    @FunctionalInterface
    interface RegionQuery {
        int[] neighbours(int i);
    }

    private DensityClusterer() {}

    static Clustering run(int n, int minPts, RegionQuery query) {
        if (minPts < 1) {
            throw new IllegalArgumentException("minPts must be at least 1, got " + minPts);
        }
        int[] labels = new int[n];
        boolean[] core = new boolean[n];
        boolean[] visited = new boolean[n];
        int clusters = 0;
        Deque<Integer> frontier = new ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            if (visited[i]) {
                continue;
            }
            int[] seeds = query.neighbours(i);
            if (seeds.length < minPts) {
                continue; // noise for now; a later cluster may still claim it as a border point
            }
            core[i] = true;
            clusters++;
            visited[i] = true;
            labels[i] = clusters;
            for (int s : seeds) {
                frontier.push(s);
            }
            while (!frontier.isEmpty()) {
                int j = frontier.pop();
                if (visited[j]) {
                    continue;
                }
                visited[j] = true;
                labels[j] = clusters;
                int[] around = query.neighbours(j);
                if (around.length >= minPts) {
                    core[j] = true;
                    for (int s : around) {
                        if (!visited[s]) {
                            frontier.push(s);
                        }
                    }
                }
            }
        }
        return new Clustering(labels, core, clusters);
    }
}
