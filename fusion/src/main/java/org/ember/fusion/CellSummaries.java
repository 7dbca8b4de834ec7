package org.ember.fusion;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The published cells of every area of one local authority, summed up ({@link CellSummary}): the
 * authority holds all its published cells, an LSOA those whose {@code lsoa} label names it. Kept
 * running in task memory ({@link LadCache}): built from state on first use, a cell refreshed when
 * its publication changes ({@link #changed}, from {@link CellLayer}), and dropped to be built again
 * when the published cells are cleared or the emerging categories are replaced ({@link #forget}).
 * {@link #fromScratch} is the reference the running summaries are tested against. Hot and emerging
 * cells are listed by cell id (a defined order; the state's own order depends on its backend).
 */
final class CellSummaries {
    /** What one published cell adds to its areas. */
    private record Part(String lsoaKey, Double z, boolean hot, boolean emerging) {}

    /** One area's running summary. */
    private static final class Area {
        /** Gi* z of the cells with incidents, as a multiset: the largest is read. */
        final TreeMap<Double, Integer> zs = new TreeMap<>();
        final TreeSet<String> hot = new TreeSet<>();
        final TreeSet<String> emerging = new TreeSet<>();
        int cells;
        /** The summary handed out since the last change (read only by its users), null: to be made. */
        CellSummary summary;

        /**
         * Adds ({@code sign} +1) or takes away (−1) a cell's part; returns whether what the summary
         * says (the largest z, the hot and emerging cells) changed, and keeps the summary handed
         * out while it did not.
         */
        boolean add(String cell, Part p, int sign) {
            boolean same = true;
            if (p.z() != null) {
                double before = giMax();
                Tally.add(zs, p.z(), sign);
                same = Double.compare(before, giMax()) == 0;
            }
            if (p.hot()) {
                change(hot, cell, sign);
                same = false;
            }
            if (p.emerging()) {
                change(emerging, cell, sign);
                same = false;
            }
            cells += sign;
            if (!same) {
                summary = null;
            }
            return !same;
        }

        /**
         * {@code was} of a cell becomes {@code now}: the same as adding {@code was} with −1 and
         * {@code now} with +1, but touching only what differs, and keeping the summary handed out
         * while what it says (the largest z, the hot and emerging cells) stays the same; returns
         * whether that changed.
         */
        boolean replace(String cell, Part was, Part now) {
            boolean same = true;
            if (!java.util.Objects.equals(was.z(), now.z())) {
                double before = giMax();
                if (was.z() != null) {
                    Tally.add(zs, was.z(), -1);
                }
                if (now.z() != null) {
                    Tally.add(zs, now.z(), 1);
                }
                same = Double.compare(before, giMax()) == 0;
            }
            if (was.hot() != now.hot()) {
                change(hot, cell, now.hot() ? 1 : -1);
                same = false;
            }
            if (was.emerging() != now.emerging()) {
                change(emerging, cell, now.emerging() ? 1 : -1);
                same = false;
            }
            if (!same) {
                summary = null;
            }
            return !same;
        }

        private double giMax() {
            return zs.isEmpty() ? 0 : Math.max(0, zs.lastKey());
        }

        private static void change(TreeSet<String> set, String cell, int sign) {
            if (sign > 0) {
                set.add(cell);
            } else {
                set.remove(cell);
            }
        }

        CellSummary summary() {
            if (summary == null) {
                CellSummary s = new CellSummary();
                s.giMax = giMax();
                s.hot.addAll(hot);
                s.emerging.addAll(emerging);
                summary = s;
            }
            return summary;
        }
    }

    private final Map<String, Area> areas = new HashMap<>();
    private final Map<String, Part> parts = new HashMap<>();
    private final String ladKey;
    /** Whether the published cells or their emerging categories may have changed wholesale since the last look. */
    private boolean stale;

    private CellSummaries(String ladKey) {
        this.ladKey = ladKey;
    }

    /** The authority's running summaries, built from the published cells when missing, brought up to date when stale. */
    static CellSummaries of(LadScope lad) {
        LadCache cache = lad.cache();
        if (cache.cellSummaries == null) {
            CellSummaries built = new CellSummaries(lad.ladKey());
            for (Map.Entry<String, Published> cell : lad.state().cells().entries()) {
                built.put(lad, cell.getKey(), cell.getValue(), lad.state().emerging().get(cell.getKey()));
            }
            cache.cellSummaries = built;
        } else if (cache.cellSummaries.stale) {
            cache.cellSummaries.refresh(lad);
        }
        return cache.cellSummaries;
    }

    /**
     * Every published cell put again as state holds it, and those no longer published taken away:
     * what building afresh gives, but a cell whose part did not change (most, when only the emerging
     * categories were replaced) costs a comparison instead of a removal and an addition.
     */
    private void refresh(LadScope lad) {
        stale = false;
        Set<String> gone = new java.util.HashSet<>(parts.keySet());
        for (Map.Entry<String, Published> cell : lad.state().cells().entries()) {
            gone.remove(cell.getKey());
            put(lad, cell.getKey(), cell.getValue(), lad.state().emerging().get(cell.getKey()));
        }
        for (String cell : gone) {
            put(lad, cell, null, null);
        }
    }

    /** The summaries of the published cells of {@code areaKeys}, counted afresh from state (sorted as the running ones). */
    static Map<String, CellSummary> fromScratch(LadScope lad, Set<String> areaKeys) {
        String ladKey = lad.ladKey();
        Map<String, CellSummary> cells = new HashMap<>();
        for (Map.Entry<String, Published> cell : lad.state().cells().entries()) {
            Published p = cell.getValue();
            boolean emergingHot = EmergingLayer.hotNow(lad.state().emerging().get(cell.getKey()));
            String lsoa = p.labels().get("lsoa");
            cells.computeIfAbsent(ladKey, k -> new CellSummary()).add(cell.getKey(), p, emergingHot);
            if (lsoa != null) {
                cells.computeIfAbsent(lad.lsoaKey(lsoa), k -> new CellSummary()).add(cell.getKey(), p, emergingHot);
            }
        }
        cells.keySet().retainAll(areaKeys);
        cells.values().forEach(CellSummary::sort);
        return cells;
    }

    /**
     * A cell's publication changed (it is now as state holds it, or gone): refreshes it if the
     * summaries exist, and hands {@code moved} each area whose summary now says something else
     * (its largest z, hot or emerging cells). Returns false when that is not known (no summaries
     * yet, or stale ones): then any area the cell was or is in may have moved.
     */
    static boolean changed(LadScope lad, String cell, Consumer<String> moved) {
        return changed(lad, cell, lad.state().cells().get(cell), lad.state().emerging().get(cell), moved);
    }

    /**
     * {@link #changed(LadScope, String, Consumer)} told what state now holds for the cell ({@code now},
     * null: nothing) and its emerging category there (read only when {@code now} is not null), by a
     * caller that has them at hand.
     */
    static boolean changed(LadScope lad, String cell, Published now, String emergingCategory, Consumer<String> moved) {
        CellSummaries summaries = lad.cache().cellSummaries;
        if (summaries == null) {
            return false;
        }
        summaries.put(lad, cell, now, emergingCategory, summaries.stale ? key -> { } : moved);
        return !summaries.stale;
    }

    /** The published cells were cleared or the emerging categories replaced: bring up to date on next use. */
    static void forget(LadCache cache) {
        if (cache.cellSummaries != null) {
            cache.cellSummaries.stale = true;
        }
    }

    /**
     * The summaries of {@code areaKeys} (areas without published cells are left out): an area's is
     * made again only after one of its cells changed, so the caller must not modify it.
     */
    Map<String, CellSummary> of(Set<String> areaKeys) {
        Map<String, CellSummary> out = new HashMap<>();
        for (String key : areaKeys) {
            Area area = areas.get(key);
            if (area != null) {
                out.put(key, area.summary());
            }
        }
        return out;
    }

    private void put(LadScope lad, String cell, Published p, String emergingCategory) {
        put(lad, cell, p, emergingCategory, key -> { });
    }

    /** Puts (or with {@code p} null, takes away) a cell's part; {@code moved} hears of each area whose summary changed. */
    private void put(LadScope lad, String cell, Published p, String emergingCategory, Consumer<String> moved) {
        Part part = null;
        if (p != null) {
            String lsoa = p.labels().get("lsoa");
            part = new Part(lsoa == null ? null : lad.lsoaKey(lsoa),
                    p.values().getOrDefault(CellLayer.CELL_COUNT, 0.0) > 0 ? p.values().getOrDefault(CellLayer.GI_Z, 0.0) : null,
                    "true".equals(p.labels().get("hot")), EmergingLayer.hotNow(emergingCategory));
        }
        Part was = part == null ? parts.remove(cell) : parts.put(cell, part);
        if (was != null && part != null && java.util.Objects.equals(was.lsoaKey(), part.lsoaKey())) {
            // Most republications move only the cell's z (or nothing the summaries hold): change just that.
            if (!was.equals(part)) {
                replace(ladKey, cell, was, part, moved);
                if (part.lsoaKey() != null) {
                    replace(part.lsoaKey(), cell, was, part, moved);
                }
            }
            return;
        }
        if (was != null) {
            apply(cell, was, -1, moved);
        }
        if (part != null) {
            apply(cell, part, 1, moved);
        }
    }

    /** One area's summary with {@code was} of a cell replaced by {@code now} (same area, so the area exists). */
    private void replace(String key, String cell, Part was, Part now, Consumer<String> moved) {
        if (areas.get(key).replace(cell, was, now)) {
            moved.accept(key);
        }
    }

    private void apply(String cell, Part part, int sign, Consumer<String> moved) {
        apply(ladKey, cell, part, sign, moved);
        if (part.lsoaKey() != null) {
            apply(part.lsoaKey(), cell, part, sign, moved);
        }
    }

    /**
     * An area without cells is dropped: it then reads as an empty summary, which is what its
     * running one says once its last cell is gone (no z, no hot or emerging cell).
     */
    private void apply(String key, String cell, Part part, int sign, Consumer<String> moved) {
        Area area = areas.computeIfAbsent(key, k -> new Area());
        if (area.add(cell, part, sign)) {
            moved.accept(key);
        }
        if (area.cells == 0) {
            areas.remove(key);
        }
    }
}
