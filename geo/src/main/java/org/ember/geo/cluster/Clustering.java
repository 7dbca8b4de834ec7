package org.ember.geo.cluster;

import java.util.Arrays;

/**
 * The outcome of a (batch) DBSCAN run: one label per point, in input order (0 = noise, clusters
 * numbered 1, 2, … in order of their first core point by index, as R {@code dbscan} numbers them),
 * and whether each point is a core point.
 */
public final class Clustering {
    public static final int NOISE = 0;

    private final int[] labels;
    private final boolean[] core;
    private final int clusterCount;

    Clustering(int[] labels, boolean[] core, int clusterCount) {
        this.labels = labels;
        this.core = core;
        this.clusterCount = clusterCount;
    }

    public int size() {
        return labels.length;
    }

    public int label(int i) {
        return labels[i];
    }

    public boolean isCore(int i) {
        return core[i];
    }

    public int clusterCount() {
        return clusterCount;
    }

    /** A copy of all labels. */
    public int[] labels() {
        return labels.clone();
    }

    @Override
    public String toString() {
        return "Clustering" + Arrays.toString(labels);
    }
}
