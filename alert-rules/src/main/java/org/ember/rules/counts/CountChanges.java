package org.ember.rules.counts;

import java.util.Arrays;
import org.ember.model.CountVocabulary;
import org.ember.model.metrics.AreaMetrics;
import org.ember.model.metrics.MetricUpdate;

/**
 * The entries of an area's count vector that one step changed, known from what the step added to the
 * running sums instead of by comparing a copy of the vector taken before with one taken after.
 *
 * <p>Why this is the same set: a running sum changes only by a bucket vector added into (or taken out
 * of) one window's slice ({@link HourlyCounts#enterWindows}, {@link HourlyCounts#leave}), each window
 * at most once per step, and {@code x + d == x} in {@code long} arithmetic exactly when {@code d == 0}
 * (overflow included). So an entry changed exactly when the value added to it is not zero, and
 * {@link #update} equals {@link CountMetrics#update} of the vectors before and after, entry for entry
 * and in the same (index) order. The copies it replaces were a tenth of the counts-and-rules thread.
 *
 * <p>Mutable and reused: one per task, {@link #clear}ed at the start of each step.
 */
public final class CountChanges {
    private final long[] changed = new long[(CountVocabulary.SIZE + Long.SIZE - 1) / Long.SIZE];

    /** Forgets the previous step's changes. */
    public void clear() {
        Arrays.fill(changed, 0L);
    }

    /** Window {@code w}'s sums took (or gave back) {@code bucket}: its non-zero entries changed there. */
    public void mark(int w, long[] bucket) {
        int offset = w * HourlyCounts.BUCKET_SIZE;
        for (int i = 0; i < bucket.length; i++) {
            if (bucket[i] != 0) {
                int index = offset + i;
                changed[index / Long.SIZE] |= 1L << index; // the shift takes the index modulo 64
            }
        }
    }

    /** {@link #mark} for every window whose bit is set in {@code windows} (see {@link HourlyCounts#enterWindows}). */
    public void markWindows(int windows, long[] bucket) {
        for (int w = 0; w < HourlyCounts.windows(); w++) {
            if ((windows & (1 << w)) != 0) {
                mark(w, bucket);
            }
        }
    }

    /** Whether no entry changed. */
    public boolean isEmpty() {
        for (long word : changed) {
            if (word != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The update the rules read for the marked entries, with their values in {@code counts} (a count
     * vector, possibly followed by other fields): what {@link CountMetrics#update} gives for the
     * vector before the step and {@code counts}, or null when nothing changed.
     */
    public AreaMetrics update(String layer, String areaId, long asOf, long[] counts, long appendedAt) {
        int n = 0;
        for (long word : changed) {
            n += Long.bitCount(word);
        }
        if (n == 0) {
            return null;
        }
        String[] names = new String[n];
        double[] values = new double[n];
        int k = 0;
        for (int word = 0; word < changed.length; word++) {
            long bits = changed[word];
            while (bits != 0) {
                int index = word * Long.SIZE + Long.numberOfTrailingZeros(bits);
                names[k] = CountMetrics.name(index);
                values[k++] = counts[index];
                bits &= bits - 1;
            }
        }
        return new AreaMetrics(layer, areaId, asOf, CountMetrics.SOURCE, MetricUpdate.of(names, values, n), appendedAt);
    }
}
