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
 * the rule task's CPU in the year backtest). {@link #with} copies the arrays and places the dozen
 * changes by binary search instead. Flink keeps {@link AreaState} through its map serializer, which
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
     * any other value sets it.
     */
    MetricValues with(Map<String, Double> updates) {
        int k = updates.size();
        if (k == 0) {
            return this;
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        Map.Entry<String, Double>[] changes = updates.entrySet().toArray(new Map.Entry[0]);
        if (k > 1) {
            Arrays.sort(changes, Map.Entry.comparingByKey());
        }
        int n = names.length;
        String[] outNames = new String[n + k];
        double[] outValues = new double[n + k];
        int from = 0;
        int out = 0;
        for (Map.Entry<String, Double> change : changes) {
            String name = change.getKey();
            int found = Arrays.binarySearch(names, from, n, name);
            int at = found >= 0 ? found : -found - 1;
            int kept = at - from;
            System.arraycopy(names, from, outNames, out, kept);
            System.arraycopy(values, from, outValues, out, kept);
            out += kept;
            Double boxed = change.getValue();
            double value = boxed == null ? 0 : boxed;
            if (value != 0 && !Double.isNaN(value)) {
                outNames[out] = found >= 0 ? names[found] : name;
                outValues[out] = value;
                out++;
            }
            from = found >= 0 ? found + 1 : at;
        }
        int rest = n - from;
        System.arraycopy(names, from, outNames, out, rest);
        System.arraycopy(values, from, outValues, out, rest);
        out += rest;
        if (out == 0) {
            return EMPTY;
        }
        return out == n + k ? new MetricValues(outNames, outValues)
                : new MetricValues(Arrays.copyOf(outNames, out), Arrays.copyOf(outValues, out));
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
