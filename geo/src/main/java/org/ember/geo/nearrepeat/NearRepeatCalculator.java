package org.ember.geo.nearrepeat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.ember.geo.neighbours.PointBuckets;

/**
 * Near-repeat analysis in the manner of Ratcliffe's Near Repeat Calculator: every unordered pair
 * of events is classed by its Euclidean distance into a space band and by its absolute time gap
 * into a time band (see {@link Bands} for the edges). The expected count of each cell is the mean
 * over B random permutations of the event times among the events (locations fixed: the Knox
 * Monte Carlo null of no space-time interaction). The permutation generator is seeded, so the
 * same inputs and seed give the same table.
 *
 * <p>Only pairs closer than the last space edge are enumerated (through a bucket index). The
 * counts of the open-ended space band come from the all-pairs count of each time band, which a
 * permutation of times does not change, so large data sets stay cheap.
 */
public final class NearRepeatCalculator {
    public static final int DEFAULT_PERMUTATIONS = 999;

    private NearRepeatCalculator() {}

    public static NearRepeatTable analyse(double[] x, double[] y, double[] t, Bands spaceBands, Bands timeBands,
                                          int permutations, long seed) {
        int n = x.length;
        if (y.length != n || t.length != n) {
            throw new IllegalArgumentException("x, y and t differ in length");
        }
        if (permutations < 1) {
            throw new IllegalArgumentException("permutations must be at least 1, got " + permutations);
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(t[i])) {
                throw new IllegalArgumentException("event " + i + " has a non-finite time");
            }
        }
        ClosePairs pairs = ClosePairs.within(x, y, spaceBands);
        long[] timeTotals = allPairTimeBandCounts(t, timeBands);
        long[] observed = count(pairs, t, spaceBands, timeBands, timeTotals);

        int cells = observed.length;
        double[] sum = new double[cells];
        long[] atLeast = new long[cells];
        double[] permuted = t.clone();
        SplittableRandom random = new SplittableRandom(seed);
        for (int b = 0; b < permutations; b++) {
            shuffle(permuted, random);
            long[] counts = count(pairs, permuted, spaceBands, timeBands, timeTotals);
            for (int c = 0; c < cells; c++) {
                sum[c] += counts[c];
                if (counts[c] >= observed[c]) {
                    atLeast[c]++;
                }
            }
        }
        List<BandCell> table = new ArrayList<>(cells);
        for (int s = 0; s < spaceBands.count(); s++) {
            for (int w = 0; w < timeBands.count(); w++) {
                int c = s * timeBands.count() + w;
                double expected = sum[c] / permutations;
                double ratio = expected > 0 ? observed[c] / expected : Double.NaN;
                double p = (1.0 + atLeast[c]) / (permutations + 1.0);
                table.add(new BandCell(s, w, spaceBands.label(s), timeBands.label(w), observed[c], expected, ratio, p));
            }
        }
        return new NearRepeatTable(spaceBands, timeBands, permutations, table);
    }

    /** Pair counts per (space band, time band) cell, space major; pairs below the first edges are dropped. */
    private static long[] count(ClosePairs pairs, double[] t, Bands spaceBands, Bands timeBands, long[] timeTotals) {
        int timeCount = timeBands.count();
        int spaceCount = spaceBands.count();
        long[] cells = new long[spaceCount * timeCount];
        // Close pairs, including those below the first space edge (row "−1"), which the open band must exclude.
        long[] belowFirstSpaceEdge = new long[timeCount];
        for (int k = 0; k < pairs.size(); k++) {
            int w = timeBands.bandOf(Math.abs(t[pairs.first[k]] - t[pairs.second[k]]));
            if (w < 0) {
                continue;
            }
            int s = pairs.band[k];
            if (s < 0) {
                belowFirstSpaceEdge[w]++;
            } else {
                cells[s * timeCount + w]++;
            }
        }
        int open = spaceCount - 1;
        for (int w = 0; w < timeCount; w++) {
            long closer = belowFirstSpaceEdge[w];
            for (int s = 0; s < open; s++) {
                closer += cells[s * timeCount + w];
            }
            cells[open * timeCount + w] = timeTotals[w] - closer;
        }
        return cells;
    }

    /** Over all n(n−1)/2 pairs: how many fall in each time band (pairs below the first edge dropped). */
    static long[] allPairTimeBandCounts(double[] t, Bands timeBands) {
        double[] sorted = t.clone();
        Arrays.sort(sorted);
        int k = timeBands.count();
        long[] atMost = new long[k];
        for (int m = 0; m < k; m++) {
            atMost[m] = pairsWithGapAtMost(sorted, timeBands.edge(m));
        }
        long below = timeBands.edge(0) > 0 ? pairsWithGapAtMost(sorted, Math.nextDown(timeBands.edge(0))) : 0;
        long all = (long) sorted.length * (sorted.length - 1) / 2;
        long[] totals = new long[k];
        totals[0] = atMost[1] - below;
        for (int m = 1; m < k - 1; m++) {
            totals[m] = atMost[m + 1] - atMost[m];
        }
        totals[k - 1] = all - atMost[k - 1];
        return totals;
    }

    private static long pairsWithGapAtMost(double[] sorted, double gap) {
        long pairs = 0;
        int from = 0;
        for (int j = 0; j < sorted.length; j++) {
            while (sorted[j] - sorted[from] > gap) {
                from++;
            }
            pairs += j - from;
        }
        return pairs;
    }

    private static void shuffle(double[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            double swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }

    /** Unordered pairs closer than the last space edge, with their space band (−1 below the first edge). */
    private static final class ClosePairs {
        private int[] first = new int[1024];
        private int[] second = new int[1024];
        private int[] band = new int[1024];
        private int size;

        static ClosePairs within(double[] x, double[] y, Bands spaceBands) {
            ClosePairs pairs = new ClosePairs();
            if (x.length == 0) {
                return pairs;
            }
            double reach = spaceBands.lastEdge();
            PointBuckets buckets = PointBuckets.build(x, y, reach);
            for (int i = 0; i < x.length; i++) {
                final int a = i;
                buckets.forEachWithin(x[i], y[i], reach, j -> {
                    if (j > a) {
                        double d = Math.hypot(x[a] - x[j], y[a] - y[j]);
                        int s = spaceBands.bandOf(d);
                        // forEachWithin compares squared distances; keep its verdict at the last edge.
                        pairs.add(a, j, s == spaceBands.count() - 1 ? spaceBands.count() - 2 : s);
                    }
                });
            }
            return pairs;
        }

        void add(int i, int j, int b) {
            if (size == first.length) {
                first = Arrays.copyOf(first, size * 2);
                second = Arrays.copyOf(second, size * 2);
                band = Arrays.copyOf(band, size * 2);
            }
            first[size] = i;
            second[size] = j;
            band[size] = b;
            size++;
        }

        int size() {
            return size;
        }
    }
}
