package org.ember.fusion;

import java.util.List;
import org.ember.geo.hotspot.ConfidenceBin;
import org.ember.geo.math.StandardNormal;

/**
 * Which cells' published Gi* could have gone stale when only the study area's mean and variance
 * moved. A cell's z is a function of its class (its spatial lag L and the number W of study-area
 * cells in its band) and of those two global figures, so every cell of a class has the same z; a
 * few hundred classes cover thousands of cells. Each cell is filed under its class by the z it was
 * last published with (its reference): when the class's z moves, only the cells whose reference
 * lies outside the interval in which nothing published could change are looked at again
 * (two range reads of a sorted array), not every cell.
 *
 * <p>The interval is conservative: a cell is looked at whenever its z may have moved by the
 * publish tolerance or crossed into another confidence bin or to zero; looking at a cell that
 * turns out unchanged costs time, never correctness.
 */
final class DriftIndex {
    /** Not in any class: not scored (outside the study area, or nothing in its band). */
    static final long NONE = Long.MIN_VALUE;

    /** What the index knows of one cell. */
    static class Entry {
        final long key;
        /** The z it was last published with; NaN when it is not published. */
        double reference = Double.NaN;
        /** Published by another authority: never published here, whatever its z. */
        boolean foreign;
        long classKey = NONE;
        /** The class it is filed in (null: none), so unfiling needs no look-up. */
        private Members home;
        /** Its neighbours in its class's list of unpublished cells (while unpublished and filed). */
        private Entry previous;
        private Entry next;

        Entry(long key) {
            this.key = key;
        }
    }

    /** The interval of references that stay safe in a class at its current z, or "all" / "only unpublished". */
    record Safe(boolean all, double low, double high, boolean unpublished) {
        static final Safe EVERYTHING = new Safe(true, 0, 0, true);
    }

    /** The z of a class and its safe interval at the current mean and variance (see {@link #unsafe(SafeOf, List)}). */
    interface SafeOf {
        Safe of(long classKey);
    }

    /**
     * The cells of one class. The published ones sorted by (reference, key) in parallel arrays, the
     * references a primitive array: a refile costs a binary search over a few contiguous doubles and
     * a short array copy, not a walk down a tree whose every step dereferences an entry (a
     * {@code TreeSet} did, half of the index's cost). The unpublished ones in a list threaded through
     * the entries: filing and unfiling one costs a few pointer writes, no hashing.
     */
    private static final class Members {
        final long classKey;
        double[] references = new double[4];
        long[] keys = new long[4];
        Entry[] published = new Entry[4];
        int size;
        Entry unpublished;

        Members(long classKey) {
            this.classKey = classKey;
        }

        boolean isEmpty() {
            return size == 0 && unpublished == null;
        }

        /** The first position whose (reference, key) is not below {@code (reference, key)}. */
        int lowerBound(double reference, long key) {
            int low = 0;
            int high = size;
            while (low < high) {
                int mid = (low + high) >>> 1;
                int c = Double.compare(references[mid], reference);
                if (c == 0) {
                    c = Long.compare(keys[mid], key);
                }
                if (c < 0) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }

        void addPublished(Entry e) {
            if (size == published.length) {
                int capacity = size * 2;
                references = java.util.Arrays.copyOf(references, capacity);
                keys = java.util.Arrays.copyOf(keys, capacity);
                published = java.util.Arrays.copyOf(published, capacity);
            }
            int at = lowerBound(e.reference, e.key);
            System.arraycopy(references, at, references, at + 1, size - at);
            System.arraycopy(keys, at, keys, at + 1, size - at);
            System.arraycopy(published, at, published, at + 1, size - at);
            references[at] = e.reference;
            keys[at] = e.key;
            published[at] = e;
            size++;
        }

        void removePublished(Entry e) {
            int at = lowerBound(e.reference, e.key);
            if (at >= size || published[at] != e) {
                at = -1; // two entries of one key (not made by the live Gi*): find this very one
                for (int i = 0; i < size; i++) {
                    if (published[i] == e) {
                        at = i;
                        break;
                    }
                }
                if (at < 0) {
                    throw new IllegalStateException("entry " + e.key + " is not filed in its class");
                }
            }
            int after = size - at - 1;
            System.arraycopy(references, at + 1, references, at, after);
            System.arraycopy(keys, at + 1, keys, at, after);
            System.arraycopy(published, at + 1, published, at, after);
            size--;
            published[size] = null;
        }

        void addUnpublished(Entry e) {
            e.previous = null;
            e.next = unpublished;
            if (unpublished != null) {
                unpublished.previous = e;
            }
            unpublished = e;
        }

        void removeUnpublished(Entry e) {
            if (e.previous == null) {
                unpublished = e.next;
            } else {
                e.previous.next = e.next;
            }
            if (e.next != null) {
                e.next.previous = e.previous;
            }
            e.previous = null;
            e.next = null;
        }

        /** Adds to {@code out} the cells not safe under {@code safe}. */
        void unsafe(Safe safe, List<Entry> out) {
            if (safe.all() || safe.unpublished()) {
                for (Entry e = unpublished; e != null; e = e.next) {
                    out.add(e);
                }
            }
            if (safe.all()) {
                for (int i = 0; i < size; i++) {
                    out.add(published[i]);
                }
                return;
            }
            int low = 0;
            while (low < size && references[low] <= safe.low()) {
                out.add(published[low++]);
            }
            for (int i = size - 1; i >= low && references[i] >= safe.high(); i--) {
                out.add(published[i]);
            }
        }
    }

    private final LongSlots<Members> classes = new LongSlots<>();

    static long classKey(long lag, int members) {
        if (members < 0 || members >= 1 << 16) {
            throw new IllegalArgumentException("members out of range: " + members);
        }
        return (lag << 16) | members;
    }

    static long lagOf(long classKey) {
        return classKey >> 16;
    }

    static int membersOf(long classKey) {
        return (int) (classKey & 0xffff);
    }

    /** Files {@code e} under {@code classKey} ({@link #NONE}: under none). */
    void file(Entry e, long classKey) {
        if (e.home != null && e.classKey == classKey) {
            return; // filed there already, by the reference it has (a new reference refiles it)
        }
        unfile(e);
        e.classKey = classKey;
        fileAgain(e);
    }

    /** Sets what {@code e} was last published with. */
    void reference(Entry e, double publishedZ, boolean foreign) {
        if (e.foreign == foreign && (e.reference == publishedZ || Double.isNaN(e.reference) && Double.isNaN(publishedZ))) {
            return;
        }
        unfile(e);
        e.reference = publishedZ;
        e.foreign = foreign;
        fileAgain(e);
    }

    void remove(Entry e) {
        unfile(e);
        e.classKey = NONE;
    }

    /** Number of classes (for tests: none once nothing is scored). */
    int classes() {
        return classes.size();
    }

    /** Adds to {@code out} the cells of {@code classKey} that are not safe. */
    void unsafe(long classKey, Safe safe, List<Entry> out) {
        Members m = classes.get(classKey);
        if (m != null) {
            m.unsafe(safe, out);
        }
    }

    /** Adds to {@code out} the cells of every class that are not safe at what {@code safeOf} says of the class (in no particular order). */
    void unsafe(SafeOf safeOf, List<Entry> out) {
        classes.forEachValue(m -> m.unsafe(safeOf.of(m.classKey), out));
    }

    private void unfile(Entry e) {
        Members m = e.home;
        if (m == null) {
            return;
        }
        if (Double.isNaN(e.reference)) {
            m.removeUnpublished(e);
        } else {
            m.removePublished(e);
        }
        if (m.isEmpty()) {
            classes.remove(m.classKey);
        }
        e.home = null;
    }

    private void fileAgain(Entry e) {
        if (e.classKey == NONE || e.foreign) {
            return;
        }
        Members m = classes.computeIfAbsent(e.classKey, Members::new);
        if (Double.isNaN(e.reference)) {
            m.addUnpublished(e);
        } else {
            m.addPublished(e);
        }
        e.home = m;
    }

    // ------------------------------------------------------------------ the safe interval

    /** Below this a published z counts as zero (six decimals), so a move to or from zero is news. */
    private static final double ZERO = 1e-5;
    /** Room for the six-decimal rounding of the published z and for the p-value's own error near a bin edge. */
    private static final double EDGE = 1e-4;
    /** z where the confidence bin changes, as {@link ConfidenceBin} computes it: ±90 %, ±95 %, ±99 %. */
    private static final double[] BIN_EDGES = binEdges();

    /**
     * The references that stay safe in a class whose z is now {@code z}: those r from which z has
     * not moved by the publish rule ({@link Publish#moved}: |z − r| &lt; tolerance · max(1, |r|),
     * relative above 1), in the same bin, and on the same side of zero. Unpublished cells are looked
     * at when the class is in a hot bin (they become news then).
     *
     * <p>For z &gt; 0 (z &lt; 0 is the mirror image) the references with |r| ≤ 1 that are safe lie
     * within tolerance of z, and those with r &gt; 1 between z / (1 + tolerance) and
     * z / (1 − tolerance); negative ones never are. Together they make one interval, from z − tolerance
     * (up to z = 1 + tolerance, then z / (1 + tolerance)) to z + tolerance (up to z = 1 − tolerance,
     * then z / (1 − tolerance)), shrunk by {@link #ZERO} relative to z for the six-decimal rounding of
     * both the published and the new z.
     */
    static Safe safeAround(double z, double tolerance) {
        if (Double.isNaN(z) || Math.abs(z) < ZERO) {
            return Safe.EVERYTHING;
        }
        double a = Math.abs(z);
        double margin = ZERO * Math.max(1, a);
        double near;
        double far;
        if (tolerance > 0 && tolerance < 1) {
            near = (a <= 1 + tolerance ? a - tolerance : a / (1 + tolerance)) + margin;
            far = (a <= 1 - tolerance ? a + tolerance : a / (1 - tolerance)) - margin;
        } else { // not the relative rule's shape: within the absolute tolerance only
            near = a - tolerance + margin;
            far = a + tolerance - margin;
        }
        double low = z > 0 ? near : -far;
        double high = z > 0 ? far : -near;
        for (double edge : BIN_EDGES) {
            if (Math.abs(z - edge) < EDGE) {
                return Safe.EVERYTHING;
            }
            if (edge < z) {
                low = Math.max(low, edge + EDGE);
            } else {
                high = Math.min(high, edge - EDGE);
            }
        }
        if (z > 0) {
            low = Math.max(low, ZERO);
        } else {
            high = Math.min(high, -ZERO);
        }
        return new Safe(false, low, high, bin(z) > 0);
    }

    static int bin(double z) {
        return ConfidenceBin.of(z, StandardNormal.twoSidedP(z));
    }

    private static double[] binEdges() {
        double[] edges = new double[6];
        for (int level = 1; level <= 3; level++) {
            edges[3 - level] = -edge(level, -1);
            edges[2 + level] = edge(level, 1);
        }
        return edges;
    }

    /** The smallest |z| (to 1e-12) at which the bin on side {@code sign} reaches {@code level}. */
    private static double edge(int level, int sign) {
        double below = 0;
        double above = 10;
        while (above - below > 1e-12) {
            double mid = (below + above) / 2;
            if (Math.abs(bin(sign * mid)) >= level) {
                above = mid;
            } else {
                below = mid;
            }
        }
        return above;
    }
}
