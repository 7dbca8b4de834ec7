package org.ember.fusion;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.ember.geo.hotspot.ConfidenceBin;
import org.ember.geo.math.StandardNormal;

/**
 * Which cells' published Gi* could have gone stale when only the study area's mean and variance
 * moved. A cell's z is a function of its class (its spatial lag L and the number W of study-area
 * cells in its band) and of those two global figures, so every cell of a class has the same z; a
 * few hundred classes cover thousands of cells. Each cell is filed under its class by the z it was
 * last published with (its reference): when the class's z moves, only the cells whose reference
 * lies outside the interval in which nothing published could change are looked at again
 * (two range reads of a sorted set), not every cell.
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
        private boolean filed;

        Entry(long key) {
            this.key = key;
        }
    }

    /** The interval of references that stay safe in a class at its current z, or "all" / "only unpublished". */
    record Safe(boolean all, double low, double high, boolean unpublished) {
        static final Safe EVERYTHING = new Safe(true, 0, 0, true);
    }

    private static final Comparator<Entry> BY_REFERENCE = (a, b) -> {
        int byReference = Double.compare(a.reference, b.reference);
        return byReference != 0 ? byReference : Long.compare(a.key, b.key);
    };

    private static final class Members {
        final TreeSet<Entry> published = new TreeSet<>(BY_REFERENCE);
        final Set<Entry> unpublished = new HashSet<>();

        boolean isEmpty() {
            return published.isEmpty() && unpublished.isEmpty();
        }
    }

    private final Map<Long, Members> classes = new HashMap<>();

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
        if (e.filed && e.classKey == classKey) {
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

    Set<Long> classKeys() {
        return classes.keySet();
    }

    /** Adds to {@code out} the cells of {@code classKey} that are not safe. */
    void unsafe(long classKey, Safe safe, List<Entry> out) {
        Members m = classes.get(classKey);
        if (m == null) {
            return;
        }
        // Element by element: addAll of a sorted view walks it twice (its size, then its elements).
        if (safe.all()) {
            out.addAll(m.published);
            out.addAll(m.unpublished);
            return;
        }
        if (safe.unpublished()) {
            out.addAll(m.unpublished);
        }
        if (m.published.isEmpty()) {
            return;
        }
        for (Entry e : m.published) {
            if (e.reference > safe.low()) {
                break;
            }
            out.add(e);
        }
        for (Entry e : m.published.descendingSet()) {
            if (e.reference < safe.high()) {
                break;
            }
            out.add(e);
        }
    }

    private void unfile(Entry e) {
        if (!e.filed) {
            return;
        }
        Members m = classes.get(e.classKey);
        if (Double.isNaN(e.reference)) {
            m.unpublished.remove(e);
        } else {
            m.published.remove(e);
        }
        if (m.isEmpty()) {
            classes.remove(e.classKey);
        }
        e.filed = false;
    }

    private void fileAgain(Entry e) {
        if (e.classKey == NONE || e.foreign) {
            return;
        }
        Members m = classes.computeIfAbsent(e.classKey, k -> new Members());
        if (Double.isNaN(e.reference)) {
            m.unpublished.add(e);
        } else {
            m.published.add(e);
        }
        e.filed = true;
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
