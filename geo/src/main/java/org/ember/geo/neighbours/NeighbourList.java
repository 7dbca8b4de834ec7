package org.ember.geo.neighbours;

import java.util.Arrays;
import java.util.List;

/**
 * Who neighbours whom among n features, in compressed rows (one offset per feature, one flat
 * array of neighbour indices). A feature never lists itself: whether it counts as its own neighbour
 * is the statistic's choice (Gi* includes it, Gi does not). Immutable.
 */
public final class NeighbourList {
    private final int[] offsets;
    private final int[] indices;

    NeighbourList(int[] offsets, int[] indices) {
        this.offsets = offsets;
        this.indices = indices;
    }

    /**
     * Neighbour lists given by the caller (e.g. polygon contiguity), feature i's list at index i.
     * Self-references and duplicates are dropped; an index out of range is an error.
     */
    public static NeighbourList of(List<int[]> lists) {
        int n = lists.size();
        int[] offsets = new int[n + 1];
        IntBuffer flat = new IntBuffer(Math.max(16, n * 4));
        for (int i = 0; i < n; i++) {
            int[] sorted = lists.get(i).clone();
            Arrays.sort(sorted);
            int previous = -1;
            for (int j : sorted) {
                if (j < 0 || j >= n) {
                    throw new IllegalArgumentException("feature " + i + " lists neighbour " + j + ", outside 0.." + (n - 1));
                }
                if (j != i && j != previous) {
                    flat.add(j);
                }
                previous = j;
            }
            offsets[i + 1] = flat.size();
        }
        return new NeighbourList(offsets, flat.toArray());
    }

    /**
     * Distance-band neighbours: j is a neighbour of i when the Euclidean distance is at most
     * {@code distance} (inclusive) and j ≠ i. Coincident points are neighbours of each other.
     * Uses a uniform bucket index, so the cost is about n times the mean number of points within
     * the band, not n².
     */
    public static NeighbourList withinDistance(double[] x, double[] y, double distance) {
        return PointBuckets.build(x, y, distance).neighboursWithin(distance);
    }

    /**
     * The space-time neighbourhoods of a cube of {@code steps} time steps per location, bin
     * {@code l × steps + s}: the bins of l's spatial neighbours at step s, and l itself and its
     * neighbours at step s − 1 (for s &gt; 0). The very lists {@link #of} gives for those bins, built
     * without sorting: a neighbour list in increasing order, bins of a location consecutive.
     */
    public static NeighbourList spaceTime(NeighbourList spatial, int steps) {
        int locations = spatial.size();
        int[] offsets = new int[locations * steps + 1];
        long links = 0;
        for (int l = 0; l < locations; l++) {
            links += (long) steps * spatial.count(l) + (long) (steps - 1) * (spatial.count(l) + 1);
        }
        if (links > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many space-time links: " + links);
        }
        int[] indices = new int[(int) links];
        int at = 0;
        for (int l = 0; l < locations; l++) {
            int from = spatial.offsets[l];
            int to = spatial.offsets[l + 1];
            for (int s = 0; s < steps; s++) {
                // Ascending bin index: location by location (j × steps + s − 1 before j × steps + s),
                // l itself at its place with only its step s − 1.
                int k = from;
                for (; k < to && spatial.indices[k] < l; k++) {
                    at = spaceTimeBins(indices, at, spatial.indices[k], steps, s);
                }
                if (s > 0) {
                    indices[at++] = l * steps + s - 1;
                }
                for (; k < to; k++) {
                    at = spaceTimeBins(indices, at, spatial.indices[k], steps, s);
                }
                offsets[l * steps + s + 1] = at;
            }
        }
        return new NeighbourList(offsets, indices);
    }

    private static int spaceTimeBins(int[] into, int at, int j, int steps, int s) {
        if (s > 0) {
            into[at++] = j * steps + s - 1;
        }
        into[at++] = j * steps + s;
        return at;
    }

    /** Number of features. */
    public int size() {
        return offsets.length - 1;
    }

    /** Number of neighbours of feature i (not counting i itself). */
    public int count(int i) {
        return offsets[i + 1] - offsets[i];
    }

    /** The k-th neighbour of feature i, in increasing index order. */
    public int neighbour(int i, int k) {
        if (k < 0 || k >= count(i)) {
            throw new IndexOutOfBoundsException("feature " + i + " has " + count(i) + " neighbours, asked for " + k);
        }
        return indices[offsets[i] + k];
    }

    /** A copy of feature i's neighbours, in increasing index order. */
    public int[] neighbours(int i) {
        return Arrays.copyOfRange(indices, offsets[i], offsets[i + 1]);
    }

    /** Total number of (ordered) neighbour links. */
    public long linkCount() {
        return indices.length;
    }

    /** Σ values[j] over the neighbours j of feature i (the spatial lag with binary weights). */
    public double sumOver(int i, double[] values) {
        double sum = 0;
        for (int k = offsets[i], end = offsets[i + 1]; k < end; k++) {
            sum += values[indices[k]];
        }
        return sum;
    }

    /** Growable int array; the JDK has none without boxing. */
    static final class IntBuffer {
        private int[] data;
        private int size;

        IntBuffer(int capacity) {
            data = new int[capacity];
        }

        void add(int value) {
            if (size == data.length) {
                data = Arrays.copyOf(data, data.length * 2);
            }
            data[size++] = value;
        }

        int size() {
            return size;
        }

        int[] toArray() {
            return Arrays.copyOf(data, size);
        }

        void sortRange(int from, int to) {
            Arrays.sort(data, from, to);
        }
    }
}
