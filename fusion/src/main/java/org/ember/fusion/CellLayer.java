package org.ember.fusion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.ember.geo.crs.BritishNationalGrid;
import org.ember.geo.crs.LonLat;
import org.ember.geo.emerging.HotSpotCategory;
import org.ember.geo.grid.GridCell;
import org.ember.geo.layers.CellHotspots;
import org.ember.model.fusion.HotspotUpdate;
import org.ember.model.metrics.AreaMetrics;
import org.ember.model.metrics.FusionMetricFamilies;

/**
 * Grid cells of one local authority: 7-day counts and Gi* ({@link LiveGiStar}, kept up to date as
 * incidents arrive and the clock moves), the cell's cluster members, its LSOA and emerging
 * category. The cells published are those the authority owns ({@link CellOwners}); their Gi* also
 * counts the neighbouring authorities' incidents near them (the halo), so a cell on a boundary
 * street is scored with the incidents on both sides. A cell is published when a count, bin or label changes or its z moves by
 * {@link #Z_TOLERANCE}, and cleared when nothing is left in it.
 */
final class CellLayer {
    static final String WINDOW_7D = "7d";
    static final String GI_Z = FusionMetricFamilies.windowed("gi_z", WINDOW_7D);
    static final String CELL_COUNT = FusionMetricFamilies.incidents(WINDOW_7D, "all");
    /** A cell is published again when its z moves by this much (counts, bins and labels always). */
    static final double Z_TOLERANCE = 0.5;

    private final LadScope lad;

    CellLayer(LadScope lad) {
        this.lad = lad;
    }

    /** The live Gi*, rebuilt from the incidents in state after a restart. */
    private LiveGiStar gi() {
        LadCache cache = lad.cache();
        if (cache.gi == null) {
            LiveGiStar gi = new LiveGiStar(lad.settings().hotspots());
            for (FusedEvent e : Publish.values(lad.state().events())) {
                gi.put(e.id(), e.time(), e.cell());
            }
            for (FusedEvent e : Publish.values(lad.state().halo())) {
                gi.put(e.id(), e.time(), e.cell());
            }
            cache.gi = gi;
            cache.cellsFull = true;
        }
        return cache.gi;
    }

    /** What a cell's evaluation is a function of (with what was last published for it). */
    record Inputs(long count, double z, int bin, boolean hot, int members, String lsoa, String emerging) {}

    /** An incident replaced its previous version (either may be null). */
    void onIncident(String id, FusedEvent previous, FusedEvent next) {
        LadCache cache = lad.cache();
        if (cache.gi != null) { // else built from state, which already holds the change, on first use
            if (next == null) {
                cache.gi.remove(id);
            } else {
                cache.gi.put(id, next.time(), next.cell());
            }
        }
        if (cache.cellLsoas != null) {
            countLsoa(cache.cellLsoas, previous, -1);
            countLsoa(cache.cellLsoas, next, 1);
        }
        markCell(previous);
        markCell(next);
    }

    /** Its LSOAs (so its owner and majority) may have changed: look at it at the next tick. */
    private void markCell(FusedEvent e) {
        if (e != null && e.cell() != null) {
            lad.cache().cellsDirty.add(e.cell());
        }
    }

    /** A neighbour's incident near this authority's cells came, changed (next) or went (null). */
    void onHalo(String id, FusedEvent next) {
        LiveGiStar gi = lad.cache().gi;
        if (gi != null) { // else built from state on first use
            if (next == null) {
                gi.remove(id);
            } else {
                gi.put(id, next.time(), next.cell());
            }
        }
    }

    /** Incidents left the state. */
    void forget(List<FusedEvent> gone) {
        LadCache cache = lad.cache();
        for (FusedEvent e : gone) {
            if (cache.gi != null) {
                cache.gi.remove(e.id());
            }
            if (cache.cellLsoas != null) {
                countLsoa(cache.cellLsoas, e, -1);
            }
            markCell(e);
        }
    }

    /** Everything published was cleared outside this layer. */
    void cleared() {
        CellSummaries.forget(lad.cache());
        lad.cache().cellInputs.clear();
        lad.cache().cellsFull = true;
    }

    private static void countLsoa(Map<String, TreeMap<String, Integer>> cellLsoas, FusedEvent e, int delta) {
        if (e == null || e.cell() == null || e.lsoa() == null) {
            return;
        }
        TreeMap<String, Integer> lsoas = cellLsoas.computeIfAbsent(e.cell(), k -> new TreeMap<>());
        Tally.add(lsoas, e.lsoa(), delta);
        if (lsoas.isEmpty()) {
            cellLsoas.remove(e.cell());
        }
    }

    /** Incidents per LSOA of each cell, kept up to date (incremental) or counted afresh. */
    private Map<String, TreeMap<String, Integer>> cellLsoas(Supplier<List<FusedEvent>> events) {
        LadCache cache = lad.cache();
        if (cache.incremental && cache.cellLsoas != null) {
            return cache.cellLsoas;
        }
        Map<String, TreeMap<String, Integer>> counted = new HashMap<>();
        for (FusedEvent e : events.get()) {
            countLsoa(counted, e, 1);
        }
        if (cache.incremental) {
            cache.cellLsoas = counted;
            cache.cellsFull = true;
        }
        return counted;
    }

    private Map<String, CellHotspots.CellScore> scores(long asOf, Supplier<List<FusedEvent>> events) {
        if (lad.cache().incremental && LiveGiStar.supports(lad.settings().hotspots())) {
            LiveGiStar gi = gi();
            if (!gi.mixedSizes()) {
                return gi.score(asOf);
            }
        }
        List<CellHotspots.CellEvent> cellEvents = new ArrayList<>();
        List<FusedEvent> all = new ArrayList<>(events.get());
        all.addAll(Publish.values(lad.state().halo()));
        for (FusedEvent e : all) {
            if (e.cell() != null) {
                cellEvents.add(new CellHotspots.CellEvent(e.cell(), e.time()));
            }
        }
        return lad.context().cellHotspots().score(cellEvents, asOf);
    }

    /**
     * Scores the cells at {@code asOf} and publishes what changed. With the live Gi* only the cells
     * that may have changed are looked at ({@link LiveGiStar#changed}, and those whose incidents,
     * LSOAs, cluster members or emerging categories changed); after a restart or a clear-out every
     * cell is, and from scratch ({@code incremental} off) every cell always is.
     */
    void score(long asOf, Supplier<List<FusedEvent>> events) {
        LadState state = lad.state();
        LadCache cache = lad.cache();
        // A cell can straddle LSOAs: it belongs to the one most of its incidents lie in.
        Map<String, TreeMap<String, Integer>> lsoasOfCell = cellLsoas(events);
        Map<String, Integer> membersOfCell = new HashMap<>();
        for (String id : cache.clusters.clusterOf().keySet()) {
            FusedEvent e = state.ownOrHalo(id); // a neighbour's incident counts in the cell's count too
            // Event time may run ahead of the watermark: only what has happened by asOf counts.
            if (e != null && e.cell() != null && e.time() <= asOf) {
                membersOfCell.merge(e.cell(), 1, Integer::sum);
            }
        }
        LiveGiStar live = cache.incremental && LiveGiStar.supports(lad.settings().hotspots()) ? gi() : null;
        if (live != null && live.mixedSizes()) {
            live = null;
        }
        Set<String> cells;
        Function<String, CellHotspots.CellScore> scoreOf;
        if (live != null && !cache.cellsFull && !cache.dirty.all()) {
            cells = new TreeSet<>(live.changed(asOf));
            cells.addAll(cache.cellsDirty);
            for (Map.Entry<String, Integer> e : membersOfCell.entrySet()) {
                if (!e.getValue().equals(cache.cellMembers.get(e.getKey()))) {
                    cells.add(e.getKey());
                }
            }
            for (String cell : cache.cellMembers.keySet()) {
                if (!membersOfCell.containsKey(cell)) {
                    cells.add(cell);
                }
            }
            scoreOf = live::scoreOf;
        } else {
            Map<String, CellHotspots.CellScore> scores = scores(asOf, events);
            if (live != null) {
                live.refile(asOf); // each evaluated cell says below what it published
                live.unpublishedAll();
            }
            cells = new TreeSet<>(scores.keySet());
            cells.addAll(membersOfCell.keySet());
            for (Map.Entry<String, String> e : state.emerging().entries()) {
                cells.add(e.getKey());
            }
            for (Map.Entry<String, Published> e : state.cells().entries()) {
                cells.add(e.getKey());
            }
            scoreOf = scores::get;
        }
        cache.cellsDirty.clear();
        cache.cellMembers = membersOfCell;
        cache.cellsFull = false;
        CellOwners owners = lad.context().cellOwners();
        for (String cell : cells) {
            // Only the authority the cell belongs to publishes it; its neighbours' halo incidents
            // gave it and them their full Gi* (CellOwners).
            TreeMap<String, Integer> lsoas = lsoasOfCell.get(cell); // never empty: a cell without any is left out
            boolean ours = owners.publishes(lad.lad(), cell, lsoas != null);
            CellHotspots.CellScore score = ours ? scoreOf.apply(cell) : null;
            Published now = evaluate(cell, score, ours ? membersOfCell.getOrDefault(cell, 0) : 0,
                    ours ? state.emerging().get(cell) : null, lsoas, asOf);
            if (live != null) {
                if (now == UNREAD) {
                    now = state.cells().get(cell);
                }
                live.published(cell, score != null && now != null ? now.values().get(GI_Z) : Double.NaN, !ours);
            }
        }
    }

    /** What {@link #evaluate} returns when it did not read the cell's publication (its inputs are those last evaluated). */
    private static final Published UNREAD = new Published(Map.of(), Map.of(), List.of());

    /**
     * Evaluates one cell and publishes what is news ({@code emerging}: its category in state, or null
     * for a cell another authority publishes). Returns what state holds for the cell afterwards
     * (null: nothing), or {@link #UNREAD} when it was not read.
     */
    private Published evaluate(String cell, CellHotspots.CellScore score, int members, String emerging,
            Map<String, Integer> lsoas, long asOf) {
        LadState state = lad.state();
        long count = score == null ? 0 : score.count();
        int bin = score == null ? 0 : score.bin();
        boolean emergingHot = EmergingLayer.hotNow(emerging);
        // The LSOA most of its incidents lie in (the first in code order on a tie).
        String majority = null;
        int most = 0;
        if (lsoas != null) {
            for (Map.Entry<String, Integer> e : lsoas.entrySet()) {
                if (majority == null || e.getValue() > most) {
                    majority = e.getKey();
                    most = e.getValue();
                }
            }
        }
        Inputs inputs = new Inputs(count, score == null ? 0.0 : score.z(), bin, score != null && score.hot(), members,
                majority, emerging);
        if (lad.cache().incremental && inputs.equals(lad.cache().cellInputs.get(cell))) {
            return UNREAD; // evaluated from the same inputs before: it would publish nothing
        }
        double z = score == null ? 0.0 : Publish.round(score.z());
        String binLabel = Integer.toString(bin);
        String hotLabel = Boolean.toString(score != null && score.hot());
        Published old = state.cells().get(cell);
        String lsoa = majority == null ? (old == null ? null : old.labels().get("lsoa")) : majority;
        String emergingLabel = emerging == null ? null : HotSpotCategory.valueOf(emerging).label();
        boolean empty = count == 0 && bin <= 0 && members == 0 && !emergingHot;
        if (lad.cache().incremental) {
            if (empty) {
                lad.cache().cellInputs.remove(cell);
            } else {
                lad.cache().cellInputs.put(cell, inputs);
            }
        }
        // Gi* z moves a little whenever anything in the study area moves: only a real change is news.
        // Told from the numbers (CellNews): the maps are built only for an update.
        if (!empty && old != null && CellNews.sameLabels(old.labels(), binLabel, hotLabel, lsoa, emergingLabel)
                && !CellNews.materially(old.values(), count, z, members, Z_TOLERANCE)) {
            return old;
        }
        if (empty && old == null) {
            return null;
        }
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(CELL_COUNT, (double) count);
        values.put(GI_Z, z);
        values.put(CellNews.CLUSTER_MEMBERS, (double) members);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("bin", binLabel);
        labels.put("hot", hotLabel);
        if (lsoa != null) {
            labels.put("lsoa", lsoa);
        }
        if (emergingLabel != null) {
            labels.put("emerging", emergingLabel);
        }
        if (empty) {
            Map<String, Double> zeros = Publish.zeros(values);
            LonLat centre = lad.cache().centre(cell);
            lad.out().hotspot(new HotspotUpdate(HotspotUpdate.CELL_CLEARED, "cell", cell, lad.lad(), asOf,
                    centre.lon(), centre.lat(), zeros, labels, List.of()));
            lad.out().metrics(new AreaMetrics("cell", cell, asOf, "fusion", zeros));
            state.cells().remove(cell);
            markArea(cell, old, null, null, labels);
            return null;
        }
        LonLat centre = lad.cache().centre(cell);
        // Copied once: the update, the metrics and the state keep this very map (each copied it before).
        Map<String, Double> published = Map.copyOf(values);
        Map<String, String> publishedLabels = Map.copyOf(labels);
        lad.out().hotspot(new HotspotUpdate(HotspotUpdate.CELL_SCORED, "cell", cell, lad.lad(), asOf, centre.lon(),
                centre.lat(), published, publishedLabels, List.of()));
        lad.out().metrics(new AreaMetrics("cell", cell, asOf, "fusion", published));
        Published now = new Published(published, publishedLabels, List.of());
        state.cells().put(cell, now);
        markArea(cell, old, now, emerging, publishedLabels);
        return now;
    }

    /**
     * The areas whose cell summary a changed cell moves: those whose summary now says something else
     * (a republished z below the area's largest, or a count, bin or cluster change, moves none), or,
     * when the running summaries cannot tell, its LSOA before and after. The summary is all an area
     * reads of its cells, so an area it does not move would publish nothing new. {@code now} is
     * what state now holds for the cell (null: nothing), {@code emerging} its category in state (a
     * published cell is the authority's own, whose category the tick read).
     */
    private void markArea(String cell, Published old, Published now, String emerging, Map<String, String> labels) {
        DirtyAreas dirty = lad.cache().dirty;
        if (CellSummaries.changed(lad, cell, now, emerging, dirty::mark)) {
            return;
        }
        if (old != null && old.labels().get("lsoa") != null) {
            dirty.mark(lad.lsoaKey(old.labels().get("lsoa")));
        }
        if (labels.get("lsoa") != null) {
            dirty.mark(lad.lsoaKey(labels.get("lsoa")));
        }
    }

    static LonLat centreOf(String cell) {
        GridCell grid = GridCell.parse(cell);
        return BritishNationalGrid.toWgs84(grid.centreX(), grid.centreY());
    }
}
