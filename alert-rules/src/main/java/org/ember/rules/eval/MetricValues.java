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
 * An area's metrics as the rule evaluator keeps them: an immutable map held as three arrays, the
 * names' hashes, the names and their values as primitives, in order of hash and then name.
 *
 * <p>Why not {@code Map.ofEntries}: an area holds up to a few hundred metrics and every record
 * updates a dozen of them, so rebuilding a hash map per update re-probed every name (a quarter of
 * the rule task's CPU in the year backtest). {@link #with} copies the arrays and places the changes
 * by binary search instead. Ordered by hash first because names share long prefixes
 * ({@code count{window=24h,feed=...}}): a search compares cached ints, and strings only where the
 * hashes are equal. Flink keeps {@link AreaState} through its map serializer, which only iterates and
 * rebuilds a map, so the checkpoint format does not depend on this class.
 */
final class MetricValues extends AbstractMap<String, Double> {
    static final MetricValues EMPTY = new MetricValues(new int[0], new String[0], new double[0]);
    /** Updates up to this size are sorted by insertion, without allocating more than their arrays. */
    private static final int INSERTION_SORT_MAX = 32;

    private final int[] hashes;
    private final String[] names;
    private final double[] values;

    private MetricValues(int[] hashes, String[] names, double[] values) {
        this.hashes = hashes;
        this.names = names;
        this.values = values;
    }

    private static int compare(int h1, String n1, int h2, String n2) {
        if (h1 != h2) {
            return h1 < h2 ? -1 : 1;
        }
        return n1 == n2 ? 0 : n1.compareTo(n2);
    }

    /** {@code metrics} as it is when it is one already, else an ordered copy (null names or values are refused). */
    static MetricValues of(Map<String, Double> metrics) {
        if (metrics instanceof MetricValues m) {
            return m;
        }
        if (metrics.isEmpty()) {
            return EMPTY;
        }
        Sorted sorted = Sorted.of(metrics, false);
        return new MetricValues(sorted.hashes, sorted.names, sorted.values);
    }

    /** A map's entries as three arrays in this class's order. */
    private record Sorted(int[] hashes, String[] names, double[] values) {
        static Sorted of(Map<String, Double> map, boolean nullIsZero) {
            int k = map.size();
            int[] hashes = new int[k];
            String[] names = new String[k];
            double[] values = new double[k];
            if (k <= INSERTION_SORT_MAX) {
                int i = 0;
                for (Map.Entry<String, Double> e : map.entrySet()) {
                    String name = Objects.requireNonNull(e.getKey());
                    double value = value(e.getValue(), nullIsZero);
                    int h = name.hashCode();
                    int j = i++;
                    while (j > 0 && compare(hashes[j - 1], names[j - 1], h, name) > 0) {
                        hashes[j] = hashes[j - 1];
                        names[j] = names[j - 1];
                        values[j] = values[j - 1];
                        j--;
                    }
                    hashes[j] = h;
                    names[j] = name;
                    values[j] = value;
                }
            } else {
                @SuppressWarnings({"unchecked", "rawtypes"})
                Map.Entry<String, Double>[] entries = map.entrySet().toArray(new Map.Entry[0]);
                Arrays.sort(entries, (a, b) -> compare(a.getKey().hashCode(), a.getKey(), b.getKey().hashCode(), b.getKey()));
                for (int i = 0; i < k; i++) {
                    names[i] = Objects.requireNonNull(entries[i].getKey());
                    hashes[i] = names[i].hashCode();
                    values[i] = value(entries[i].getValue(), nullIsZero);
                }
            }
            return new Sorted(hashes, names, values);
        }

        private static double value(Double boxed, boolean nullIsZero) {
            return boxed == null && nullIsZero ? 0 : Objects.requireNonNull(boxed);
        }
    }

    /** The index of {@code name} in {@code [from, to)}, or {@code -(insertion point) - 1}. */
    private int find(int from, int to, int h, String name) {
        int lo = from;
        int hi = to - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = compare(hashes[mid], names[mid], h, name);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
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
        Sorted changes = Sorted.of(updates, true);
        int n = names.length;
        int[] outHashes = new int[n + k];
        String[] outNames = new String[n + k];
        double[] outValues = new double[n + k];
        int from = 0;
        int out = 0;
        for (int c = 0; c < k; c++) {
            String name = changes.names[c];
            int found = find(from, n, changes.hashes[c], name);
            int at = found >= 0 ? found : -found - 1;
            int kept = at - from;
            System.arraycopy(hashes, from, outHashes, out, kept);
            System.arraycopy(names, from, outNames, out, kept);
            System.arraycopy(values, from, outValues, out, kept);
            out += kept;
            double value = changes.values[c];
            if (value != 0 && !Double.isNaN(value)) {
                outHashes[out] = changes.hashes[c];
                outNames[out] = found >= 0 ? names[found] : name;
                outValues[out] = value;
                out++;
            }
            from = found >= 0 ? found + 1 : at;
        }
        int rest = n - from;
        System.arraycopy(hashes, from, outHashes, out, rest);
        System.arraycopy(names, from, outNames, out, rest);
        System.arraycopy(values, from, outValues, out, rest);
        out += rest;
        if (out == 0) {
            return EMPTY;
        }
        return out == n + k ? new MetricValues(outHashes, outNames, outValues)
                : new MetricValues(Arrays.copyOf(outHashes, out), Arrays.copyOf(outNames, out), Arrays.copyOf(outValues, out));
    }

    /** The metric's value, 0 when absent (as rules read it). */
    double value(String name) {
        int i = find(0, names.length, name.hashCode(), name);
        return i >= 0 ? values[i] : 0;
    }

    @Override
    public Double get(Object key) {
        if (!(key instanceof String name)) {
            return null;
        }
        int i = find(0, names.length, name.hashCode(), name);
        return i >= 0 ? values[i] : null;
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof String name && find(0, names.length, name.hashCode(), name) >= 0;
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
