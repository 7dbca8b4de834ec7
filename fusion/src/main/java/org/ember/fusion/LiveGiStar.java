package org.ember.fusion;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ember.geo.grid.GridCell;
import org.ember.geo.hotspot.ConfidenceBin;
import org.ember.geo.hotspot.GetisOrd;
import org.ember.geo.layers.CellHotspots;
import org.ember.geo.layers.HotspotSettings;
import org.ember.geo.math.StandardNormal;

/**
 * Gi* of the grid cells of one partition, kept up to date instead of rebuilt: the same answer as
 * {@link CellHotspots#score} (bit for bit; {@code LiveGiStarTest} checks it on random input), at a
 * fraction of the cost.
 *
 * <p>With binary weights and the cell itself included, cell i's Gi* needs its spatial lag
 * L_i = Σ x_j over the cells within the distance band, the number W_i of study-area cells in the
 * band, and three global figures: the study-area size n, the mean and the variance of the counts.
 * L_i and W_i change only around a cell whose window count or study-area membership changed, so
 * they are updated there through precomputed neighbour offsets (no neighbour search); n, the
 * sum and the sum of squares are running totals, and the variance is computed from them exactly
 * as {@link GetisOrd#countVariance} does for the from-scratch score. Incidents enter and leave the
 * window and the study area as the clock moves ({@link #advance}); only those whose status
 * changes are touched.
 *
 * <p>The hourly tick need not look at every cell either ({@link #changed}): a cell whose lag and
 * band did not change moves only with the global mean and variance, the same for every cell of
 * its (L, W) class, and {@link DriftIndex} finds the few whose published z that could make stale.
 *
 * <p>Assumes the Gi* window is no longer than the study-area period (a cell counted in the window
 * is in the study area): {@link #supports} says whether the settings allow it.
 */
final class LiveGiStar {
    private static final long BIAS = 1L << 31;

    private final double distanceCells;
    private final int rings;
    private final int hotBin;
    private final int minHotCount;
    private int size = -1;
    private boolean mixedSizes;
    /** Offsets (as packed-key deltas) of the cells within the Gi* distance band, the cell itself included. */
    private long[] band;
    /** Offsets of the square of {@code rings} around a cell, the cell itself excluded: the study-area halo. */
    private long[] halo;
    /** By packed key; order does not matter (the caller sorts what it publishes by cell id). */
    private final LongSlots<Slot> slots = new LongSlots<>();
    private final IncidentClock clock;
    private int studyArea;
    private long windowTotal;
    /** Σ of the squared window counts: with n and the total, the variance without a pass over the cells. */
    private long windowSquares;
    private int counted;
    /** Cells whose own count, band or study membership changed since {@link #changed} last ran (each once: {@link Slot#touched}). */
    private final List<Slot> touched = new ArrayList<>();
    /** Cells dropped while published with a score: named by {@link #changed} once. */
    private final Set<Long> lost = new HashSet<>();
    private final DriftIndex drift = new DriftIndex();
    /** The study area's n, total and squares when {@link #changed} last ran (n = −1: never). */
    private int lastN = -1;
    private long lastTotal;
    private long lastSquares;
    private long scoredVersion = -1;
    private Map<String, CellHotspots.CellScore> scored;

    LiveGiStar(HotspotSettings settings) {
        this.clock = new IncidentClock(settings.giWindow().toMillis(), settings.giUniverse().toMillis(),
                new IncidentClock.Counts() {
                    @Override
                    public void window(long cell, int delta) {
                        windowDelta(cell, delta);
                    }

                    @Override
                    public void study(long cell, int delta) {
                        Slot s = slot(cell);
                        s.study += delta;
                        refresh(s);
                    }
                });
        this.distanceCells = settings.giDistanceCells();
        this.rings = (int) Math.ceil(settings.giDistanceCells());
        this.hotBin = settings.hotBin();
        this.minHotCount = settings.minHotCount();
    }

    static boolean supports(HotspotSettings settings) {
        return settings.giWindow().compareTo(settings.giUniverse()) <= 0;
    }

    /** True once cells of more than one size were seen: the caller must score from scratch. */
    boolean mixedSizes() {
        return mixedSizes;
    }

    private static final class Slot extends DriftIndex.Entry {
        String id;
        long window;
        long study;
        int halo;
        long lag;
        int members;
        boolean inStudy;
        /** In {@link #touched}. */
        boolean touched;
        /** Its window count when it was last published with a score (meaningful while the reference is). */
        long shownCount;

        Slot(long key) {
            super(key);
        }

        boolean idle() {
            return window == 0 && study == 0 && halo == 0 && lag == 0 && members == 0 && !inStudy;
        }

        /** Whether {@link #compute} looks at it: in the study area with something in its band. */
        boolean scored() {
            return inStudy && (window > 0 || lag > 0);
        }
    }

    static long key(long column, long row) {
        return ((column + BIAS) << 32) | ((row + BIAS) & 0xffff_ffffL);
    }

    /** Adds (or replaces) an incident in {@code cellId} at {@code time}. */
    void put(String id, long time, String cellId) {
        remove(id);
        if (cellId == null) {
            return;
        }
        GridCell cell = GridCell.parse(cellId);
        if (size < 0) {
            setSize(cell.sizeMetres());
        } else if (size != cell.sizeMetres()) {
            mixedSizes = true;
            return;
        }
        clock.put(id, time, key(cell.column(), cell.row()));
    }

    void remove(String id) {
        clock.remove(id);
    }

    int incidents() {
        return clock.incidents();
    }

    /** Cells kept (for tests: none once nothing is in any). */
    int slots() {
        return slots.size();
    }

    private void setSize(int metres) {
        size = metres;
        double r = distanceCells * metres;
        double r2 = r * r;
        List<Long> inBand = new ArrayList<>();
        List<Long> around = new ArrayList<>();
        for (long dc = -rings; dc <= rings; dc++) {
            for (long dr = -rings; dr <= rings; dr++) {
                // The same test as the from-scratch neighbour search on cell centres (exact in doubles).
                double dx = (double) dc * metres;
                double dy = (double) dr * metres;
                if (dx * dx + dy * dy <= r2) {
                    inBand.add(key(dc, dr) - key(0, 0));
                }
                if (dc != 0 || dr != 0) {
                    around.add(key(dc, dr) - key(0, 0));
                }
            }
        }
        band = inBand.stream().mapToLong(Long::longValue).toArray();
        halo = around.stream().mapToLong(Long::longValue).toArray();
    }

    /** Moves the clock to {@code to}: incidents enter and leave the window and the study area. */
    void advance(long to) {
        clock.advance(to);
    }

    private Slot slot(long key) {
        return slots.computeIfAbsent(key, Slot::new);
    }

    private void windowDelta(long key, int delta) {
        Slot s = slot(key);
        long before = s.window;
        s.window += delta;
        windowTotal += delta;
        windowSquares += s.window * s.window - before * before;
        for (long o : band) {
            Slot n = slot(key + o);
            n.lag += delta;
            touch(n);
            gc(n);
        }
        if (before == 0 && s.window > 0) {
            counted++;
            haloDelta(key, 1);
        } else if (before > 0 && s.window == 0) {
            counted--;
            haloDelta(key, -1);
        }
        refresh(s);
    }

    private void haloDelta(long key, int delta) {
        for (long o : halo) {
            Slot n = slot(key + o);
            n.halo += delta;
            refresh(n);
        }
    }

    private void refresh(Slot s) {
        boolean in = s.study > 0 || s.halo > 0;
        if (in != s.inStudy) {
            s.inStudy = in;
            studyArea += in ? 1 : -1;
            touch(s);
            for (long o : band) {
                Slot n = slot(s.key + o);
                n.members += in ? 1 : -1;
                touch(n);
                if (n != s) {
                    gc(n);
                }
            }
        }
        gc(s);
    }

    private void touch(Slot s) {
        if (!s.touched) {
            s.touched = true;
            touched.add(s);
        }
    }

    private void gc(Slot s) {
        if (s.idle()) {
            slots.remove(s.key);
            drift.remove(s);
            if (!Double.isNaN(s.reference)) {
                lost.add(s.key); // it was published with a score, which is gone
            }
        }
    }

    private String id(Slot s) {
        if (s.id == null) {
            s.id = idOf(s.key);
        }
        return s.id;
    }

    /**
     * The cells {@link CellHotspots#score} would return at {@code at} (unmodifiable). Most hours
     * nothing enters or leaves the window or the study area of an authority: then the previous
     * answer is the answer, and no cell is visited.
     */
    Map<String, CellHotspots.CellScore> score(long at) {
        advance(at);
        if (scoredVersion == clock.version() && scored != null) {
            return scored;
        }
        scored = java.util.Collections.unmodifiableMap(compute());
        scoredVersion = clock.version();
        return scored;
    }

    private Map<String, CellHotspots.CellScore> compute() {
        Map<String, CellHotspots.CellScore> out = new LinkedHashMap<>();
        if (counted == 0) {
            return out;
        }
        for (Slot s : slots.values()) {
            if (s.scored()) {
                CellHotspots.CellScore score = scoreOf(s);
                if (score != null) {
                    out.put(score.cellId(), score);
                }
            }
        }
        return out;
    }

    private double mean() {
        double mean = (double) windowTotal;
        return mean / studyArea;
    }

    /** As {@link org.ember.geo.hotspot.GetisOrd} computes it for counts: exact from n, Σx and Σx². */
    private double variance() {
        return GetisOrd.countVariance(studyArea, windowTotal, windowSquares);
    }

    /** Gi* z of a cell with spatial lag {@code lag} and {@code members} study-area cells in its band (NaN: undefined). */
    private double z(long lag, int members, double mean, double variance) {
        int n = studyArea;
        double w = members;
        double s1 = members;
        double var = variance * ((n * s1 - w * w) / (n - 1));
        return var > 0 ? ((double) lag - w * mean) / Math.sqrt(var) : Double.NaN;
    }

    /** What {@link #compute} gives a scored cell, or null when it leaves it out. */
    private CellHotspots.CellScore scoreOf(Slot s) {
        if (studyArea < 3) {
            return s.window > 0 ? new CellHotspots.CellScore(id(s), s.window, 0, 0, 0 >= hotBin && s.window >= minHotCount)
                    : null;
        }
        double z = z(s.lag, s.members, mean(), variance());
        int bin = ConfidenceBin.of(z, StandardNormal.twoSidedP(z));
        if (s.window > 0 || bin > 0) {
            boolean hot = bin >= hotBin && s.window >= minHotCount;
            return new CellHotspots.CellScore(id(s), s.window, Double.isNaN(z) ? 0 : z, bin, hot);
        }
        return null;
    }

    // ------------------------------------------------------------------ only what changed

    /**
     * The cells whose score may differ from what was last published for them, as of {@code at}:
     * those whose own count, band or study membership changed since the last call in a way the
     * publish rule would see, and those whose z drifted with the study area's mean and variance far
     * enough from the z they were published with ({@link DriftIndex}). Only the score is judged here:
     * the caller looks at the cells whose own incidents, cluster members or emerging category changed. Each cell's score is then {@link #scoreOf(String)};
     * after evaluating a cell the caller says what it published ({@link #published}).
     */
    Set<String> changed(long at) {
        advance(at);
        Set<String> out = new HashSet<>();
        fileTouched(out);
        if (studyArea == lastN && windowTotal == lastTotal && windowSquares == lastSquares) {
            return out;
        }
        boolean degenerate = studyArea < 3 || lastN < 3;
        lastN = studyArea;
        lastTotal = windowTotal;
        lastSquares = windowSquares;
        List<DriftIndex.Entry> unsafe = new ArrayList<>();
        double mean = studyArea < 3 ? 0 : mean();
        double variance = studyArea < 3 ? 0 : variance();
        drift.unsafe(classKey -> degenerate ? DriftIndex.Safe.EVERYTHING
                : DriftIndex.safeAround(z(DriftIndex.lagOf(classKey), DriftIndex.membersOf(classKey), mean, variance),
                        CellLayer.Z_TOLERANCE), unsafe);
        for (DriftIndex.Entry e : unsafe) {
            out.add(id((Slot) e));
        }
        return out;
    }

    /**
     * {@link #changed} for a caller that looks at every cell anyway (after a restart, on a new day):
     * files the cells that changed and takes the study area's figures as seen, naming none.
     */
    void refile(long at) {
        advance(at);
        fileTouched(null);
        lastN = studyArea;
        lastTotal = windowTotal;
        lastSquares = windowSquares;
    }

    /** Files the touched cells under their classes; adds to {@code out} (if any) those with something to say. */
    private void fileTouched(Set<String> out) {
        boolean degenerate = studyArea < 3 || counted == 0;
        double mean = degenerate ? 0 : mean();
        double variance = degenerate ? 0 : variance();
        for (Slot s : touched) {
            s.touched = false;
            if (slots.get(s.key) != s) {
                continue; // dropped since (a cell made again later is another slot)
            }
            drift.file(s, s.scored() ? DriftIndex.classKey(s.lag, s.members) : DriftIndex.NONE);
            if (out != null && news(s, degenerate, mean, variance)) {
                out.add(id(s));
            }
        }
        touched.clear();
        if (out != null) {
            for (long key : lost) {
                out.add(idOf(key));
            }
        }
        lost.clear();
    }

    /**
     * Whether a touched cell may publish something new. Another authority's cell never does here (who
     * owns a cell changes only with its own incidents, which the caller looks at anyway); a cell with
     * no score now and none published has nothing to say (most of a band's ring); one published with
     * a score has news when its count moved or its new z left the interval in which the publish rule
     * sees nothing ({@link DriftIndex#safeAround}, the same test the drift of its class gets).
     */
    private boolean news(Slot s, boolean degenerate, double mean, double variance) {
        if (s.foreign) {
            return false;
        }
        if (Double.isNaN(s.reference)) {
            return s.scored() && counted > 0 && scoreOf(s) != null;
        }
        if (degenerate || !s.scored() || s.window != s.shownCount) {
            return true;
        }
        DriftIndex.Safe safe = DriftIndex.safeAround(z(s.lag, s.members, mean, variance), CellLayer.Z_TOLERANCE);
        return safe.all() || s.reference <= safe.low() || s.reference >= safe.high();
    }

    /** The score {@link #score} would give {@code cellId} now (after {@link #changed}), or null. */
    CellHotspots.CellScore scoreOf(String cellId) {
        Slot s = slots.get(keyOf(cellId));
        return s == null || !s.scored() || counted == 0 ? null : scoreOf(s);
    }

    /**
     * What the caller published for {@code cellId} after evaluating it: the z it published from
     * its score (NaN when it published none, or none from a score), and whether another authority
     * publishes it (then its z is never news here).
     */
    void published(String cellId, double z, boolean foreign) {
        Slot s = slots.get(keyOf(cellId));
        if (s != null) {
            drift.reference(s, z, foreign);
            s.shownCount = s.window;
        }
    }

    /** Nothing is published any more (every reference goes). */
    void unpublishedAll() {
        for (Slot s : slots.values()) {
            drift.reference(s, Double.NaN, false);
        }
    }

    /** Classes of cells kept for drift (for tests: none once nothing is scored). */
    int driftClasses() {
        return drift.classes();
    }

    /** The packed key of a cell id ("250m:1436:691"), read in place: {@link GridCell#parse} splits and copies. */
    private static long keyOf(String cellId) {
        int first = cellId.indexOf(':');
        int second = cellId.indexOf(':', first + 1);
        if (first < 0 || second < 0 || cellId.indexOf(':', second + 1) >= 0) {
            GridCell cell = GridCell.parse(cellId); // not an id: its complaint
            return key(cell.column(), cell.row());
        }
        return key(Long.parseLong(cellId, first + 1, second, 10), Long.parseLong(cellId, second + 1, cellId.length(), 10));
    }

    private String idOf(long key) {
        long column = (key >>> 32) - BIAS;
        long row = (key & 0xffff_ffffL) - BIAS;
        return new GridCell(size, column, row).id();
    }
}
