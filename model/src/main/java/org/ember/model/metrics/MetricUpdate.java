package org.ember.model.metrics;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The values of one metric update as two parallel arrays, names and primitive values, in the order
 * they were made: an immutable map that is never hashed.
 *
 * <p>Why not {@code Map.ofEntries}: an update is only ever iterated (the rule evaluator merges it into
 * the area's sorted metrics by binary search, the network serializer writes it), yet building the hash
 * map boxed every value and hashed every name, a freshly decoded name from scratch (a tenth of the rule
 * task in the year backtest, with the count updates' maps). {@link #get} is a linear scan: updates
 * are a dozen entries.
 */
public final class MetricUpdate extends AbstractMap<String, Double> {
    public static final MetricUpdate EMPTY = new MetricUpdate(new String[0], new double[0], 0);

    private final String[] names;
    private final double[] values;
    private final int size;

    private MetricUpdate(String[] names, double[] values, int size) {
        this.names = names;
        this.values = values;
        this.size = size;
    }

    /**
     * The first {@code size} names and values; the arrays are taken over, not copied, so the caller
     * must not change them afterwards. Names must be distinct and non-null (as a map's keys are; the
     * callers build them from a map or from distinct vocabulary entries, so this is not checked).
     */
    public static MetricUpdate of(String[] names, double[] values, int size) {
        if (size < 0 || size > names.length || size > values.length) {
            throw new IllegalArgumentException("size " + size + " outside the arrays");
        }
        for (int i = 0; i < size; i++) {
            Objects.requireNonNull(names[i], "metric name");
        }
        return size == 0 ? EMPTY : new MetricUpdate(names, values, size);
    }

    /** The name of entry {@code i}, in the order the update was made. */
    public String name(int i) {
        Objects.checkIndex(i, size);
        return names[i];
    }

    /** The value of entry {@code i}. */
    public double value(int i) {
        Objects.checkIndex(i, size);
        return values[i];
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
    public Double get(Object key) {
        int i = indexOf(key);
        return i >= 0 ? values[i] : null;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    private int indexOf(Object key) {
        for (int i = 0; i < size; i++) {
            if (names[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Set<Map.Entry<String, Double>> entrySet() {
        return ArrayEntrySet.of(names, values, size);
    }
}
