package org.ember.fusion;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * A map from packed cell keys to values without boxing: open addressing with linear probing and
 * backward-shift deletion. The live Gi* looks a cell up for every neighbour of every cell whose
 * count changes, tens of times per incident crossing a window edge; a {@code HashMap<Long, V>} boxed
 * each key and chased a node per lookup. Iteration order is unspecified (callers sort what they
 * publish).
 */
final class LongSlots<V> {
    private static final int MIN_CAPACITY = 16;

    private long[] keys = new long[MIN_CAPACITY];
    private Object[] values = new Object[MIN_CAPACITY];
    private int size;

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    V get(long key) {
        int mask = keys.length - 1;
        for (int i = index(key, mask); values[i] != null; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return (V) values[i];
            }
        }
        return null;
    }

    V computeIfAbsent(long key, LongFunction<V> create) {
        V found = get(key);
        if (found != null) {
            return found;
        }
        V created = create.apply(key);
        put(key, created);
        return created;
    }

    private void put(long key, V value) {
        if ((size + 1) * 4 > keys.length * 3) {
            resize(keys.length * 2);
        }
        int mask = keys.length - 1;
        int i = index(key, mask);
        while (values[i] != null && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (values[i] == null) {
            size++;
        }
        keys[i] = key;
        values[i] = value;
    }

    void remove(long key) {
        int mask = keys.length - 1;
        int i = index(key, mask);
        while (values[i] != null && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (values[i] == null) {
            return;
        }
        size--;
        // Backward shift: move later members of the run into the hole unless they sit at or after
        // their own home slot relative to it, so every lookup still finds its key before a gap.
        int hole = i;
        for (int j = (hole + 1) & mask; values[j] != null; j = (j + 1) & mask) {
            int home = index(keys[j], mask);
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        values[hole] = null;
        keys[hole] = 0;
    }

    /** The values, in no particular order (a copy: the caller may remove while reading it). */
    @SuppressWarnings("unchecked")
    List<V> values() {
        List<V> out = new ArrayList<>(size);
        for (Object v : values) {
            if (v != null) {
                out.add((V) v);
            }
        }
        return out;
    }

    /** Passes each value to {@code action}, in no particular order; the action must not put or remove. */
    @SuppressWarnings("unchecked")
    void forEachValue(java.util.function.Consumer<? super V> action) {
        Object[] all = values;
        for (Object v : all) {
            if (v != null) {
                action.accept((V) v);
            }
        }
    }

    private void resize(int capacity) {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[capacity];
        values = new Object[capacity];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                @SuppressWarnings("unchecked")
                V v = (V) oldValues[i];
                put(oldKeys[i], v);
            }
        }
    }

    private static int index(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L; // Fibonacci hashing: packed keys differ in both halves
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
