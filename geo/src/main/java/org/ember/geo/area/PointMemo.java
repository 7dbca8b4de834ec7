package org.ember.geo.area;

/**
 * A bounded memo of answers keyed by a point's exact coordinates (the raw bits of both doubles, so
 * {@code 0.0} and {@code -0.0} are different keys and nothing is ever rounded together). police.uk
 * snaps every crime to one of a limited set of anonymised map points, so a feed repeats the same
 * coordinates again and again; the answer for a point is a pure function of it, and a remembered
 * answer is the very one the full computation gave.
 *
 * <p>Two-way set-associative over a fixed number of slots: a point may sit in either slot of its
 * set; a new point takes the first slot and moves that slot's point to the second, evicting what was
 * there. Memory is bounded by {@code slots} entries whatever the input.
 *
 * <p>Safe to share between threads without locks: entries are immutable (final fields, so a thread
 * that sees an entry sees its key and value), and a lookup answers only from an entry whose key
 * equals the point, so a race can cost a miss or a duplicate, never a wrong answer.
 */
final class PointMemo<V> {
    private record Entry<V>(long lonBits, long latBits, V value) {}

    private final Entry<V>[] slots;
    private final int setMask;

    /** @param slots the most entries kept: a power of two, at least 2 */
    @SuppressWarnings("unchecked")
    PointMemo(int slots) {
        if (slots < 2 || Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two, at least 2: " + slots);
        }
        this.slots = (Entry<V>[]) new Entry<?>[slots];
        this.setMask = slots / 2 - 1;
    }

    /** The value remembered for exactly this point, or null. */
    V get(double lon, double lat) {
        long lonBits = Double.doubleToRawLongBits(lon);
        long latBits = Double.doubleToRawLongBits(lat);
        int first = 2 * set(lonBits, latBits);
        Entry<V> entry = slots[first];
        if (entry != null && entry.lonBits() == lonBits && entry.latBits() == latBits) {
            return entry.value();
        }
        entry = slots[first + 1];
        if (entry != null && entry.lonBits() == lonBits && entry.latBits() == latBits) {
            // Promote: the point used more recently is the one kept when a third point arrives.
            slots[first + 1] = slots[first];
            slots[first] = entry;
            return entry.value();
        }
        return null;
    }

    /** Remembers {@code value} (not null) as the answer for exactly this point. */
    void put(double lon, double lat, V value) {
        long lonBits = Double.doubleToRawLongBits(lon);
        long latBits = Double.doubleToRawLongBits(lat);
        int first = 2 * set(lonBits, latBits);
        slots[first + 1] = slots[first];
        slots[first] = new Entry<>(lonBits, latBits, java.util.Objects.requireNonNull(value));
    }

    int capacity() {
        return slots.length;
    }

    /** Entries held now (a count over the slots: for tests and sizing, not for the per-record path). */
    int size() {
        int held = 0;
        for (Entry<V> entry : slots) {
            if (entry != null) {
                held++;
            }
        }
        return held;
    }

    /** Mixes both coordinates' bits (a 64-bit finaliser), so nearby map points spread over the sets. */
    private int set(long lonBits, long latBits) {
        long h = lonBits * 0x9E3779B97F4A7C15L + latBits;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return (int) h & setMask;
    }
}
