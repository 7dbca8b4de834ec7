package org.ember.rules.eval;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * An area's metrics as the rule evaluator keeps them: an immutable map held as two arrays, the
 * names in {@link String#compareTo} order and their values as primitives.
 *
 * <p>Why not {@code Map.ofEntries}: an area holds up to a few hundred metrics and every record
 * updates a dozen of them, so rebuilding a hash map per update re-probed every name (a quarter of
 * the rule task's CPU in the year backtest). {@link #with} finds the dozen changes by binary search
 * instead, and shares the names when none is added or removed. Flink keeps {@link AreaState} through its map serializer, which
 * only iterates and rebuilds a map, so the checkpoint format does not depend on this class.
 */
final class MetricValues extends AbstractMap<String, Double> {
    static final MetricValues EMPTY = new MetricValues(new String[0], new double[0]);

    private final String[] names;
    private final double[] values;

    private MetricValues(String[] names, double[] values) {
        this.names = names;
        this.values = values;
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
            values[i] = Objects.requireNonNull(entries[i].getValue());
        }
        return new MetricValues(names, values);
    }

    /**
     * These metrics with {@code updates} applied: a zero, NaN or null value removes the metric,
     * any other value sets it. Earlier instances are never changed (the caller may still hold the
     * area's previous state).
     *
     * <p>Why not sort the updates and merge: in the year backtest sorting the update's entries by
     * name was half of this method's samples, although nearly every update only changes values of
     * metrics the area already has. Each change is looked up by binary search instead; when none
     * adds or removes a name, the result shares this instance's names and copies only the values.
     * Only the names added are sorted, to be merged in.
     */
    MetricValues with(Map<String, Double> updates) {
        if (updates.isEmpty()) {
            return this;
        }
        int n = names.length;
        double[] newValues = null;
        int[] removed = null;
        int removedCount = 0;
        String[] addedNames = null;
        double[] addedValues = null;
        int[] addedAt = null;
        int addedCount = 0;
        for (Map.Entry<String, Double> change : updates.entrySet()) {
            String name = change.getKey();
            Double boxed = change.getValue();
            double value = boxed == null ? 0 : boxed;
            boolean keep = value != 0 && !Double.isNaN(value);
            int found = Arrays.binarySearch(names, name);
            if (found >= 0) {
                if (keep) {
                    if (newValues == null) {
                        newValues = values.clone();
                    }
                    newValues[found] = value;
                } else {
                    if (removed == null) {
                        removed = new int[updates.size()];
                    }
                    // A map names each metric once, so no index is removed twice.
                    removed[removedCount++] = found;
                }
            } else if (keep) {
                if (addedNames == null) {
                    addedNames = new String[updates.size()];
                    addedValues = new double[updates.size()];
                    addedAt = new int[updates.size()];
                }
                addedNames[addedCount] = name;
                addedValues[addedCount] = value;
                addedAt[addedCount] = -found - 1;
                addedCount++;
            }
        }
        double[] source = newValues == null ? values : newValues;
        if (removedCount == 0 && addedCount == 0) {
            return newValues == null ? this : new MetricValues(names, newValues);
        }
        int size = n - removedCount + addedCount;
        if (size == 0) {
            return EMPTY;
        }
        if (addedCount > 1) {
            sortByName(addedNames, addedValues, addedAt, addedCount);
        }
        if (removedCount > 1) {
            Arrays.sort(removed, 0, removedCount);
        }
        // Copies the kept runs between the changed positions: an added name goes before the name at
        // its insertion point (also when that name is removed), a removed one is skipped.
        String[] outNames = new String[size];
        double[] outValues = new double[size];
        int out = 0;
        int from = 0;
        int a = 0;
        int r = 0;
        while (a < addedCount || r < removedCount) {
            boolean add = a < addedCount && (r == removedCount || addedAt[a] <= removed[r]);
            int at = add ? addedAt[a] : removed[r];
            int kept = at - from;
            System.arraycopy(names, from, outNames, out, kept);
            System.arraycopy(source, from, outValues, out, kept);
            out += kept;
            if (add) {
                outNames[out] = addedNames[a];
                outValues[out++] = addedValues[a++];
                from = at;
            } else {
                r++;
                from = at + 1;
            }
        }
        System.arraycopy(names, from, outNames, out, n - from);
        System.arraycopy(source, from, outValues, out, n - from);
        return new MetricValues(outNames, outValues);
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
        return i >= 0 ? values[i] : 0;
    }

    @Override
    public Double get(Object key) {
        if (!(key instanceof String name)) {
            return null;
        }
        int i = Arrays.binarySearch(names, name);
        return i >= 0 ? values[i] : null;
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof String name && Arrays.binarySearch(names, name) >= 0;
    }

    @Override
    public int size() {
        return names.length;
    }

    @Override
    public boolean isEmpty() {
        return names.length == 0;
    }

    @Override
    public Set<Map.Entry<String, Double>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, Double>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < names.length;
                    }

                    @Override
                    public Map.Entry<String, Double> next() {
                        if (next >= names.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new AbstractMap.SimpleImmutableEntry<>(names[i], values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return names.length;
            }
        };
    }
}
