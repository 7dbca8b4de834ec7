package org.ember.rules.eval;

import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.ember.model.metrics.ArrayEntrySet;
import org.ember.model.metrics.MetricUpdate;

/**
 * An area's metrics as the rule evaluator keeps them: an immutable map held as two arrays, the
 * names in {@link String#compareTo} order and their values as primitives.
 *
 * <p>Why not {@code Map.ofEntries}: an area holds up to a few hundred metrics and every record
 * updates a dozen of them, so rebuilding a hash map per update re-probed every name (a quarter of
 * the rule task's CPU in the year backtest). {@link #with} finds the dozen changes by binary search
 * instead, and shares the names when none is added. Flink keeps {@link AreaState} through its map serializer, which
 * only iterates and rebuilds a map, so the checkpoint format does not depend on this class.
 *
 * <p>Why removed metrics stay as tombstones ({@link #TOMBSTONE} in place of the value): a count
 * falls to zero and comes back all the time (the 1 h window), and dropping and re-inserting its name
 * copied every name of the area each time (three quarters of {@link #with}'s samples in the year
 * backtest). A tombstone is a value slot only; the map reads as if the name were absent. The names
 * are compacted once the tombstones outnumber the live metrics by {@link #SLACK}.
 */
final class MetricValues extends AbstractMap<String, Double> {
    static final MetricValues EMPTY = new MetricValues(new String[0], new double[0], 0);

    /** A NaN no arithmetic makes (quiet NaN, payload 0xdead): marks a removed metric's slot. */
    private static final long TOMBSTONE_BITS = 0x7ff8_0000_0000_deadL;
    static final double TOMBSTONE = Double.longBitsToDouble(TOMBSTONE_BITS);
    /** Tombstones allowed beyond the number of live metrics before the arrays are compacted. */
    static final int SLACK = 16;

    private final String[] names;
    private final double[] values;
    /** Live metrics: names.length minus the tombstones. */
    private final int size;

    private MetricValues(String[] names, double[] values, int size) {
        this.names = names;
        this.values = values;
        this.size = size;
    }

    private static boolean isTombstone(double value) {
        return Double.doubleToRawLongBits(value) == TOMBSTONE_BITS;
    }

    /** {@code metrics} as it is when it is one already, else a sorted copy (null names or values are refused). */
    static MetricValues of(Map<String, Double> metrics) {
        if (metrics instanceof MetricValues m) {
            return m;
        }
        if (metrics.isEmpty()) {
            return EMPTY;
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        Map.Entry<String, Double>[] entries = metrics.entrySet().toArray(new Map.Entry[0]);
        Arrays.sort(entries, Map.Entry.comparingByKey());
        String[] names = new String[entries.length];
        double[] values = new double[entries.length];
        for (int i = 0; i < entries.length; i++) {
            names[i] = Objects.requireNonNull(entries[i].getKey());
            double value = Objects.requireNonNull(entries[i].getValue());
            // A value with the tombstone's bits is still a NaN to whoever reads it, just not absent.
            values[i] = isTombstone(value) ? Double.NaN : value;
        }
        return new MetricValues(names, values, names.length);
    }

    /**
     * These metrics with {@code updates} applied: a zero, NaN or null value removes the metric,
     * any other value sets it. Earlier instances are never changed (the caller may still hold the
     * area's previous state).
     */
    MetricValues with(Map<String, Double> updates) {
        if (updates.isEmpty()) {
            return this;
        }
        if (updates instanceof MetricUpdate u) {
            return with(u);
        }
        String[] updateNames = new String[updates.size()];
        double[] updateValues = new double[updates.size()];
        int k = 0;
        for (Map.Entry<String, Double> change : updates.entrySet()) {
            Double boxed = change.getValue();
            updateNames[k] = change.getKey();
            updateValues[k++] = boxed == null ? 0 : boxed;
        }
        return with(MetricUpdate.of(updateNames, updateValues, k));
    }

    /**
     * {@link #with(Map)} over the update's arrays, without boxing or entries.
     *
     * <p>Why not sort the updates and merge: in the year backtest sorting the update's entries by
     * name was half of this method's samples, although nearly every update only changes values of
     * metrics the area already has. Each change is looked up by binary search instead; when none
     * adds a name, the result shares this instance's names and copies only the values (a removal
     * leaves a tombstone). Only the names added are sorted, to be merged in.
     */
    private MetricValues with(MetricUpdate updates) {
        int k = updates.size();
        int n = names.length;
        double[] newValues = null;
        int live = size;
        String[] addedNames = null;
        double[] addedValues = null;
        int[] addedAt = null;
        int addedCount = 0;
        for (int i = 0; i < k; i++) {
            double value = updates.value(i);
            boolean keep = value != 0 && !Double.isNaN(value);
            int found = Arrays.binarySearch(names, updates.name(i));
            if (found >= 0) {
                boolean wasLive = !isTombstone(values[found]);
                if (keep || wasLive) {
                    if (newValues == null) {
                        newValues = values.clone();
                    }
                    newValues[found] = keep ? value : TOMBSTONE;
                    live += (keep ? 1 : 0) - (wasLive ? 1 : 0);
                }
            } else if (keep) {
                if (addedNames == null) {
                    addedNames = new String[k];
                    addedValues = new double[k];
                    addedAt = new int[k];
                }
                addedNames[addedCount] = updates.name(i);
                addedValues[addedCount] = value;
                addedAt[addedCount] = -found - 1;
                addedCount++;
            }
        }
        if (live + addedCount == 0) {
            return EMPTY;
        }
        double[] source = newValues == null ? values : newValues;
        if (addedCount == 0) {
            return newValues == null ? this : compactedIfSparse(names, newValues, live);
        }
        if (addedCount > 1) {
            sortByName(addedNames, addedValues, addedAt, addedCount);
        }
        // Copies the runs between the insertion points: an added name goes before the name at its
        // insertion point. Tombstones are copied with their names.
        String[] outNames = new String[n + addedCount];
        double[] outValues = new double[n + addedCount];
        int out = 0;
        int from = 0;
        for (int a = 0; a < addedCount; a++) {
            int at = addedAt[a];
            int kept = at - from;
            System.arraycopy(names, from, outNames, out, kept);
            System.arraycopy(source, from, outValues, out, kept);
            out += kept;
            outNames[out] = addedNames[a];
            outValues[out++] = addedValues[a];
            from = at;
        }
        System.arraycopy(names, from, outNames, out, n - from);
        System.arraycopy(source, from, outValues, out, n - from);
        return compactedIfSparse(outNames, outValues, live + addedCount);
    }

    /** The metrics, without their tombstones once these outnumber the live ones by {@link #SLACK}. */
    private static MetricValues compactedIfSparse(String[] names, double[] values, int live) {
        if (names.length - live <= live + SLACK) {
            return new MetricValues(names, values, live);
        }
        String[] liveNames = new String[live];
        double[] liveValues = new double[live];
        int out = 0;
        for (int i = 0; i < names.length; i++) {
            if (!isTombstone(values[i])) {
                liveNames[out] = names[i];
                liveValues[out++] = values[i];
            }
        }
        return new MetricValues(liveNames, liveValues, live);
    }

    /** Slots held, tombstones included (tests). */
    int slots() {
        return names.length;
    }

    /**
     * Sorts the first {@code count} names, and their values and insertion points with them: by
     * insertion when they are a handful (the usual update), else through an index order (an area's
     * first update adds them all).
     */
    private static void sortByName(String[] names, double[] values, int[] at, int count) {
        if (count > 16) {
            Integer[] order = new Integer[count];
            for (int i = 0; i < count; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> names[x].compareTo(names[y]));
            String[] sortedNames = new String[count];
            double[] sortedValues = new double[count];
            int[] sortedAt = new int[count];
            for (int i = 0; i < count; i++) {
                sortedNames[i] = names[order[i]];
                sortedValues[i] = values[order[i]];
                sortedAt[i] = at[order[i]];
            }
            System.arraycopy(sortedNames, 0, names, 0, count);
            System.arraycopy(sortedValues, 0, values, 0, count);
            System.arraycopy(sortedAt, 0, at, 0, count);
            return;
        }
        for (int i = 1; i < count; i++) {
            String name = names[i];
            double value = values[i];
            int position = at[i];
            int j = i - 1;
            while (j >= 0 && names[j].compareTo(name) > 0) {
                names[j + 1] = names[j];
                values[j + 1] = values[j];
                at[j + 1] = at[j];
                j--;
            }
            names[j + 1] = name;
            values[j + 1] = value;
            at[j + 1] = position;
        }
    }

    /** The metric's value, 0 when absent (as rules read it). */
    double value(String name) {
        int i = Arrays.binarySearch(names, name);
        if (i < 0) {
            return 0;
        }
        double value = values[i];
        return isTombstone(value) ? 0 : value;
    }

    /** The slot of a live metric, else -1. */
    private int live(Object key) {
        if (!(key instanceof String name)) {
            return -1;
        }
        int i = Arrays.binarySearch(names, name);
        return i >= 0 && !isTombstone(values[i]) ? i : -1;
    }

    @Override
    public Double get(Object key) {
        int i = live(key);
        return i >= 0 ? values[i] : null;
    }

    @Override
    public boolean containsKey(Object key) {
        return live(key) >= 0;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public Set<Map.Entry<String, Double>> entrySet() {
        return ArrayEntrySet.skipping(names, values, names.length, size, MetricValues::isTombstone);
    }
}
