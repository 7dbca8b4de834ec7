package org.ember.fusion;

import java.util.Map;

/** Counts kept in a map by key, where a key whose count falls to zero leaves the map. */
final class Tally {
    private Tally() {}

    /** Adds {@code delta} to {@code key}'s count; removes the key at zero or below. */
    static <K> void add(Map<K, Integer> counts, K key, int delta) {
        int n = counts.getOrDefault(key, 0) + delta;
        if (n > 0) {
            counts.put(key, n);
        } else {
            counts.remove(key);
        }
    }
}
