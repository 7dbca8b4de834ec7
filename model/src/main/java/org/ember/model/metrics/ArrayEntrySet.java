package org.ember.model.metrics;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.DoublePredicate;

/**
 * The entries of a map held as two parallel arrays, names and primitive values, in array order: the
 * read-only view both array-backed metric maps give ({@link MetricUpdate}, and the rule evaluator's
 * sorted metrics, whose removed names stay as marked values). Entries are boxed only as they are read.
 */
public final class ArrayEntrySet extends AbstractSet<Map.Entry<String, Double>> {
    private static final DoublePredicate NONE_SKIPPED = v -> false;

    private final String[] names;
    private final double[] values;
    private final int length;
    private final int size;
    private final DoublePredicate skipped;

    private ArrayEntrySet(String[] names, double[] values, int length, int size, DoublePredicate skipped) {
        this.names = names;
        this.values = values;
        this.length = length;
        this.size = size;
        this.skipped = skipped;
    }

    /** The first {@code size} entries of the arrays, every one of them read. */
    public static ArrayEntrySet of(String[] names, double[] values, int size) {
        return new ArrayEntrySet(names, values, size, size, NONE_SKIPPED);
    }

    /**
     * The first {@code length} slots of the arrays less those whose value {@code skipped} accepts;
     * {@code size} is how many are left (the caller keeps that count, so it is not recounted here).
     */
    public static ArrayEntrySet skipping(String[] names, double[] values, int length, int size,
            DoublePredicate skipped) {
        return new ArrayEntrySet(names, values, length, size, skipped);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Iterator<Map.Entry<String, Double>> iterator() {
        return new Iterator<>() {
            private int next = live(0);

            @Override
            public boolean hasNext() {
                return next < length;
            }

            @Override
            public Map.Entry<String, Double> next() {
                if (next >= length) {
                    throw new NoSuchElementException();
                }
                int i = next;
                next = live(i + 1);
                return new AbstractMap.SimpleImmutableEntry<>(names[i], values[i]);
            }
        };
    }

    private int live(int from) {
        int i = from;
        while (i < length && skipped.test(values[i])) {
            i++;
        }
        return i;
    }
}
