package org.ember.geo.scan;

import java.util.Arrays;
import java.util.List;

/**
 * For every location as a circle centre, the other locations in order of distance, cut at the
 * maximum radius, equal distances in SaTScan's order (lesser Cartesian coordinates first). Built once
 * (O(L × neighbours log neighbours), by buckets of the radius) and reused by every replication and every daily update;
 * the population cut (max fraction) depends on the data and is applied per analysis.
 */
public final class NeighbourIndex {
    private final int[][] order;
    private final double[][] distance;
    private final CoordinateSystem coordinates;
    private final double maxRadius;
    private final String[] ids;
    private final double[][] xyz;

    public NeighbourIndex(List<ScanLocation> locations, CoordinateSystem coordinates, double maxRadius) {
        this(locations, coordinates, maxRadius, false);
    }

    /**
     * @param allPairs measure every pair (O(L²)) instead of only the pairs in adjacent buckets: the
     *     reference the bucketed search is tested against
     */
    NeighbourIndex(List<ScanLocation> locations, CoordinateSystem coordinates, double maxRadius, boolean allPairs) {
        this.coordinates = coordinates;
        this.maxRadius = maxRadius;
        int n = locations.size();
        ids = new String[n];
        xyz = new double[n][];
        for (int i = 0; i < n; i++) {
            ids[i] = locations.get(i).id();
            xyz[i] = coordinates.toCartesian(locations.get(i));
        }
        order = new int[n][];
        distance = new double[n][];
        Buckets buckets = allPairs ? null : Buckets.of(xyz, maxRadius);
        Scratch scratch = new Scratch(n);
        for (int c = 0; c < n; c++) {
            measure(c, buckets, scratch);
        }
    }

    /**
     * The index {@code new NeighbourIndex(locations, coordinates, maxRadius)} gives, with this one's
     * coordinates and radius, built from this one: a location listed here under the same id at the
     * same point keeps its neighbours that are still listed (their distances as measured here, the
     * same numbers) and gains the new locations within the radius; only new locations are measured
     * against all. The order is the same total order (distance, then coordinates, then position in
     * the list), so the lists are those of a fresh index. Cheap when few locations come and go,
     * as between two nights of a daily scan.
     */
    public NeighbourIndex forLocations(List<ScanLocation> locations) {
        return new NeighbourIndex(this, locations);
    }

    private NeighbourIndex(NeighbourIndex from, List<ScanLocation> locations) {
        this.coordinates = from.coordinates;
        this.maxRadius = from.maxRadius;
        int n = locations.size();
        ids = new String[n];
        xyz = new double[n][];
        java.util.Map<String, Integer> before = new java.util.HashMap<>(from.ids.length * 2);
        for (int i = 0; i < from.ids.length; i++) {
            before.putIfAbsent(from.ids[i], i);
        }
        int[] newOf = new int[from.ids.length];
        Arrays.fill(newOf, -1);
        int[] oldOf = new int[n];
        int fresh = 0;
        for (int z = 0; z < n; z++) {
            ids[z] = locations.get(z).id();
            xyz[z] = coordinates.toCartesian(locations.get(z));
            Integer i = before.get(ids[z]);
            oldOf[z] = i != null && newOf[i] < 0 && Arrays.equals(from.xyz[i], xyz[z]) ? i : -1;
            if (oldOf[z] >= 0) {
                newOf[oldOf[z]] = z;
            } else {
                fresh++;
            }
        }
        order = new int[n][];
        distance = new double[n][];
        // A few new locations (a night's new cells) are measured against every location: cheaper than
        // filing them all in buckets, and the same lists (the buckets only leave out what is too far).
        Buckets buckets = fresh <= FEW_FRESH ? null : Buckets.of(xyz, maxRadius);
        // Kept locations in the same relative order: a kept centre's kept neighbours stay in order.
        boolean monotone = true;
        for (int z = 0, last = -1; z < n; z++) {
            if (oldOf[z] >= 0) {
                monotone &= oldOf[z] > last;
                last = oldOf[z];
            }
        }
        Scratch scratch = new Scratch(n);
        // The new locations within the radius of each kept one (the relation is symmetric).
        int[][] gained = new int[n][];
        int[] gainedCount = new int[n];
        for (int j = 0; j < n; j++) {
            if (oldOf[j] >= 0) {
                continue;
            }
            measure(j, buckets, scratch);
            for (int c : order[j]) {
                if (oldOf[c] >= 0) {
                    if (gained[c] == null) {
                        gained[c] = new int[4];
                    } else if (gainedCount[c] == gained[c].length) {
                        gained[c] = Arrays.copyOf(gained[c], gainedCount[c] * 2);
                    }
                    gained[c][gainedCount[c]++] = j;
                }
            }
        }
        for (int c = 0; c < n; c++) {
            int was = oldOf[c];
            if (was < 0) {
                continue;
            }
            int[] oldOrder = from.order[was];
            double[] oldDistance = from.distance[was];
            int count = 0;
            int[] idx = scratch.idx;
            double[] d = scratch.d;
            for (int k = 0; k < oldOrder.length; k++) {
                int j = newOf[oldOrder[k]];
                if (j >= 0) {
                    idx[count++] = j;
                    d[j] = oldDistance[k];
                }
            }
            for (int g = 0; g < gainedCount[c]; g++) {
                int j = gained[c][g];
                d[j] = CoordinateSystem.euclidean(xyz[c], xyz[j]);
                idx[count++] = j;
            }
            // Nearly sorted already (kept neighbours in their order, the few gained at the end): by
            // insertion; sorted already when none was gained and the kept ones kept their order (the
            // order's last tie-break, for the same point twice, is the position in the list).
            order[c] = gainedCount[c] == 0 && monotone ? Arrays.copyOf(idx, count) : insertionSorted(idx, count, d, xyz);
            distance[c] = new double[count];
            for (int k = 0; k < count; k++) {
                distance[c][k] = d[order[c][k]];
            }
        }
    }

    /** Work arrays of one build. */
    private static final class Scratch {
        final int[] idx;
        final double[] d;
        final int[] candidates;

        Scratch(int n) {
            idx = new int[n];
            d = new double[n];
            candidates = new int[n];
        }
    }

    /** Measures centre c against the candidates the buckets give (or all), and fills its order and distances. */
    private void measure(int c, Buckets buckets, Scratch scratch) {
        int[] candidates = scratch.candidates;
        int[] idx = scratch.idx;
        double[] d = scratch.d;
        int found = buckets == null ? all(candidates) : buckets.near(xyz[c], candidates);
        int count = 0;
        for (int m = 0; m < found; m++) {
            int j = candidates[m];
            d[j] = CoordinateSystem.euclidean(xyz[c], xyz[j]);
            if (d[j] <= maxRadius) {
                idx[count++] = j;
            }
        }
        // SaTScan (CompareIdentifierDistance in CentroidNeighbors.cpp) breaks equal distances by the
        // lesser coordinates, compared one coordinate after the other in its Cartesian form; the
        // order therefore does not depend on the order of the location list (nor on the order the
        // buckets give the candidates in). A total order, so any sort gives the same list: short
        // lists (a few dozen cells within the radius) by insertion, without boxing.
        int[] sorted;
        if (count <= SHORT) {
            sorted = insertionSorted(idx, count, d, xyz);
        } else {
            Integer[] inCircle = new Integer[count];
            for (int k = 0; k < count; k++) {
                inCircle[k] = idx[k];
            }
            Arrays.sort(inCircle, (a, b) -> compare(a, b, d, xyz));
            sorted = new int[count];
            for (int k = 0; k < count; k++) {
                sorted[k] = inCircle[k];
            }
        }
        order[c] = sorted;
        distance[c] = new double[count];
        for (int k = 0; k < count; k++) {
            distance[c][k] = d[sorted[k]];
        }
    }

    private static int[] insertionSorted(int[] idx, int count, double[] d, double[][] xyz) {
        int[] sorted = new int[count];
        for (int k = 0; k < count; k++) {
            int j = idx[k];
            int at = k;
            while (at > 0 && compare(sorted[at - 1], j, d, xyz) > 0) {
                sorted[at] = sorted[at - 1];
                at--;
            }
            sorted[at] = j;
        }
        return sorted;
    }

    private static int all(int[] candidates) {
        for (int j = 0; j < candidates.length; j++) {
            candidates[j] = j;
        }
        return candidates.length;
    }

    /**
     * The locations by cube of side a little over the maximum radius: a location within the radius of
     * a centre lies in the centre's cube or an adjacent one (its coordinates differ by at most the
     * radius, under one side, so their cube indices by at most one), so only those are measured.
     * This turns the index's O(L²) distances into O(L × neighbours) on a grid of small cells (the
     * nightly early-warning scan of thousands of 250 m cells, 1 km radius).
     */
    private record Buckets(java.util.Map<Long, int[]> byKey, double side, int dims) {
        /** Cube indices stay below this (in absolute value), so that three fit a long and division errors are negligible. */
        private static final double MOST = 1e6;
        private static final long OFFSET = 1L << 20;

        static Buckets of(double[][] xyz, double maxRadius) {
            double side = maxRadius * (1 + 1e-6);
            if (xyz.length == 0 || xyz[0].length > 3 || !(side > 0) || Double.isInfinite(side)) {
                return null;
            }
            java.util.Map<Long, java.util.List<Integer>> lists = new java.util.HashMap<>();
            for (int j = 0; j < xyz.length; j++) {
                for (double v : xyz[j]) {
                    if (!(Math.abs(v / side) < MOST)) {
                        return null; // not finite, or too far out for exact cube indices: measure every pair
                    }
                }
                lists.computeIfAbsent(key(xyz[j], side, null), k -> new java.util.ArrayList<>()).add(j);
            }
            java.util.Map<Long, int[]> byKey = new java.util.HashMap<>();
            lists.forEach((k, v) -> byKey.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
            return new Buckets(byKey, side, xyz[0].length);
        }

        private static long key(double[] p, double side, int[] shift) {
            long k = 0;
            for (int i = 0; i < p.length; i++) {
                k = (k << 21) | ((long) Math.floor(p[i] / side) + (shift == null ? 0 : shift[i]) + OFFSET);
            }
            return k;
        }

        /** The locations in the cube of {@code p} and those adjacent, into {@code out}; how many. */
        int near(double[] p, int[] out) {
            int found = 0;
            int[] shift = new int[dims];
            int cubes = dims == 1 ? 3 : dims == 2 ? 9 : 27;
            for (int s = 0; s < cubes; s++) {
                for (int i = 0, r = s; i < dims; i++, r /= 3) {
                    shift[i] = r % 3 - 1;
                }
                int[] in = byKey.get(key(p, side, shift));
                if (in != null) {
                    System.arraycopy(in, 0, out, found, in.length);
                    found += in.length;
                }
            }
            return found;
        }
    }

    /** Up to this many new locations, {@link #forLocations} measures them against all instead of by buckets. */
    private static final int FEW_FRESH = 16;

    /** Lists up to this long are sorted by insertion. */
    private static final int SHORT = 96;

    /** Nearer first; equal distances by the lesser coordinates; then by index (the same point twice). */
    private static int compare(int a, int b, double[] d, double[][] xyz) {
        int c = Double.compare(d[a], d[b]);
        if (c != 0) {
            return c;
        }
        c = compareCoordinates(xyz[a], xyz[b]);
        return c != 0 ? c : Integer.compare(a, b);
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

    CoordinateSystem coordinates() {
        return coordinates;
    }

    double maxRadius() {
        return maxRadius;
    }

    /** Neighbours of centre c, nearest first (the centre itself first). */
    int[] order(int c) {
        return order[c];
    }

    double[] distances(int c) {
        return distance[c];
    }
}
