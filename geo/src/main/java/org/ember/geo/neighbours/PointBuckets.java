package org.ember.geo.neighbours;

import java.util.Arrays;

/**
 * A static uniform-grid index over 2-D points, for "all points within r of here" queries with
 * r close to the bucket size. Points are bucketed by a counting sort when the grid is dense
 * enough (at most a few buckets per point); for sparse, wide extents the occupied buckets are
 * kept in a sorted key array and found by binary search, so memory stays O(n) whatever the extent.
 */
public final class PointBuckets {
    private static final long MAX_CELLS = 1L << 40;

    private final double[] x;
    private final double[] y;
    private final double minX;
    private final double minY;
    private final double size;
    private final long columns;
    private final long rows;
    /** Point indices ordered by bucket. */
    private final int[] order;
    /** Dense: start offset per bucket (length columns·rows + 1). Null when sparse. */
    private final int[] denseStarts;
    /** Sparse: sorted distinct bucket keys and their start offsets into {@link #order}. */
    private final long[] sparseKeys;
    private final int[] sparseStarts;

    private PointBuckets(double[] x, double[] y, double bucketSize) {
        this.x = x;
        this.y = y;
        int n = x.length;
        double loX = Double.POSITIVE_INFINITY;
        double loY = Double.POSITIVE_INFINITY;
        double hiX = Double.NEGATIVE_INFINITY;
        double hiY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("point " + i + " has a non-finite coordinate");
            }
            loX = Math.min(loX, x[i]);
            loY = Math.min(loY, y[i]);
            hiX = Math.max(hiX, x[i]);
            hiY = Math.max(hiY, y[i]);
        }
        if (n == 0) {
            loX = loY = hiX = hiY = 0;
        }
        double s = bucketSize > 0 ? bucketSize : 1.0;
        // Keep the key space within 2^40 buckets; larger buckets stay correct, only slower.
        while ((Math.floor((hiX - loX) / s) + 1) * (Math.floor((hiY - loY) / s) + 1) > MAX_CELLS) {
            s *= 2;
        }
        this.minX = loX;
        this.minY = loY;
        this.size = s;
        this.columns = (long) Math.floor((hiX - loX) / s) + 1;
        this.rows = (long) Math.floor((hiY - loY) / s) + 1;
        long cells = columns * rows;
        this.order = new int[n];
        if (cells <= 4L * n + 4096) {
            int[] starts = new int[(int) cells + 1];
            int[] keyOf = new int[n];
            for (int i = 0; i < n; i++) {
                keyOf[i] = (int) key(column(x[i]), row(y[i]));
                starts[keyOf[i] + 1]++;
            }
            for (int c = 0; c < cells; c++) {
                starts[c + 1] += starts[c];
            }
            int[] fill = Arrays.copyOf(starts, starts.length);
            for (int i = 0; i < n; i++) {
                order[fill[keyOf[i]]++] = i;
            }
            this.denseStarts = starts;
            this.sparseKeys = null;
            this.sparseStarts = null;
        } else {
            // Pack (key, index) into one long: key < 2^40, index < 2^23 is checked.
            if (n >= (1 << 23)) {
                throw new IllegalArgumentException("too many points for a sparse bucket index: " + n);
            }
            long[] packed = new long[n];
            for (int i = 0; i < n; i++) {
                packed[i] = (key(column(x[i]), row(y[i])) << 23) | i;
            }
            Arrays.sort(packed);
            long[] keys = new long[n];
            int[] starts = new int[n + 1];
            int distinct = 0;
            for (int k = 0; k < n; k++) {
                long bucket = packed[k] >>> 23;
                order[k] = (int) (packed[k] & ((1 << 23) - 1));
                if (distinct == 0 || keys[distinct - 1] != bucket) {
                    keys[distinct] = bucket;
                    starts[distinct] = k;
                    distinct++;
                }
            }
            starts[distinct] = n;
            this.denseStarts = null;
            this.sparseKeys = Arrays.copyOf(keys, distinct);
            this.sparseStarts = Arrays.copyOf(starts, distinct + 1);
        }
    }

    /** Indexes the points (the arrays are not copied: do not change them while the index is used). */
    public static PointBuckets build(double[] x, double[] y, double bucketSize) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length: " + x.length + " vs " + y.length);
        }
        return new PointBuckets(x, y, bucketSize);
    }

    /** Receives the index of each point found by a query. */
    @FunctionalInterface
    public interface PointVisitor {
        void visit(int index);
    }

    /** Calls {@code visitor} for every point within distance r (inclusive) of (qx, qy). */
    public void forEachWithin(double qx, double qy, double r, PointVisitor visitor) {
        double r2 = r * r;
        long c0 = Math.max(0, column(qx - r));
        long c1 = Math.min(columns - 1, column(qx + r));
        long r0 = Math.max(0, row(qy - r));
        long r1 = Math.min(rows - 1, row(qy + r));
        for (long c = c0; c <= c1; c++) {
            for (long w = r0; w <= r1; w++) {
                long bucket = key(c, w);
                int from;
                int to;
                if (denseStarts != null) {
                    from = denseStarts[(int) bucket];
                    to = denseStarts[(int) bucket + 1];
                } else {
                    int found = Arrays.binarySearch(sparseKeys, bucket);
                    if (found < 0) {
                        continue;
                    }
                    from = sparseStarts[found];
                    to = sparseStarts[found + 1];
                }
                for (int k = from; k < to; k++) {
                    int j = order[k];
                    double dx = x[j] - qx;
                    double dy = y[j] - qy;
                    if (dx * dx + dy * dy <= r2) {
                        visitor.visit(j);
                    }
                }
            }
        }
    }

    /** Distance-band neighbour lists (j ≠ i, distance ≤ r), each sorted by index. */
    public NeighbourList neighboursWithin(double r) {
        int n = x.length;
        int[] offsets = new int[n + 1];
        NeighbourList.IntBuffer flat = new NeighbourList.IntBuffer(Math.max(16, n * 8));
        for (int i = 0; i < n; i++) {
            final int self = i;
            int before = flat.size();
            forEachWithin(x[i], y[i], r, j -> {
                if (j != self) {
                    flat.add(j);
                }
            });
            offsets[i + 1] = flat.size();
            sortTail(flat, before);
        }
        return new NeighbourList(offsets, flat.toArray());
    }

    private static void sortTail(NeighbourList.IntBuffer buffer, int from) {
        buffer.sortRange(from, buffer.size());
    }

    private long column(double px) {
        return (long) Math.floor((px - minX) / size);
    }

    private long row(double py) {
        return (long) Math.floor((py - minY) / size);
    }

    private long key(long column, long row) {
        return column * rows + row;
    }
}
