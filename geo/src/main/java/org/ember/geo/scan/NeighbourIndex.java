package org.ember.geo.scan;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * For every location as a circle centre, the other locations in order of distance, cut at the
 * maximum radius, equal distances in SaTScan's order (lesser Cartesian coordinates first). Built once (O(L² log L)) and reused by every replication and every daily update;
 * the population cut (max fraction) depends on the data and is applied per analysis.
 */
public final class NeighbourIndex {
    private final int[][] order;
    private final double[][] distance;

    public NeighbourIndex(List<ScanLocation> locations, CoordinateSystem coordinates, double maxRadius) {
        int n = locations.size();
        double[][] xyz = new double[n][];
        for (int i = 0; i < n; i++) {
            xyz[i] = coordinates.toCartesian(locations.get(i));
        }
        order = new int[n][];
        distance = new double[n][];
        Integer[] idx = new Integer[n];
        double[] d = new double[n];
        for (int c = 0; c < n; c++) {
            int count = 0;
            for (int j = 0; j < n; j++) {
                d[j] = CoordinateSystem.euclidean(xyz[c], xyz[j]);
                if (d[j] <= maxRadius) {
                    idx[count++] = j;
                }
            }
            Integer[] inCircle = Arrays.copyOf(idx, count);
            // SaTScan (CompareIdentifierDistance in CentroidNeighbors.cpp) breaks equal distances by the
            // lesser coordinates, compared one coordinate after the other in its Cartesian form; the
            // order therefore does not depend on the order of the location list.
            Arrays.sort(inCircle, Comparator.<Integer>comparingDouble(j -> d[j])
                    .thenComparing((a, b) -> compareCoordinates(xyz[a], xyz[b])).thenComparingInt(j -> j));
            order[c] = new int[count];
            distance[c] = new double[count];
            for (int k = 0; k < count; k++) {
                order[c][k] = inCircle[k];
                distance[c][k] = d[inCircle[k]];
            }
        }
    }

    private static int compareCoordinates(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            int c = Double.compare(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    public int size() {
        return order.length;
    }

    /** Neighbours of centre c, nearest first (the centre itself first). */
    int[] order(int c) {
        return order[c];
    }

    double[] distances(int c) {
        return distance[c];
    }
}
