package org.ember.fusion;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.ember.geo.emerging.HotSpotCategory;

/**
 * Emerging hot-spot categories of the cells of one local authority (daily counts over the last
 * {@code emergingSteps} days, {@link org.ember.geo.layers.EmergingCells}), on its schedule at local
 * midnight; kept in state for the cells and area metrics to read.
 *
 * <p>The cube counts the neighbouring authorities' halo incidents too, as the live Gi* does: a cell
 * on a boundary street gets its category from every incident in it and around it, not only from
 * this authority's side ({@link CellOwners}: the halo reaches two Gi* bands, the cube's neighbours
 * one). Categories are kept for the cells this authority publishes and those its own incidents are
 * in; a neighbour's cell is categorised by its owner.
 */
final class EmergingLayer {
    private final LadScope lad;

    EmergingLayer(LadScope lad) {
        this.lad = lad;
    }

    void run(LocalDate day) {
        run(day, NightlyEvents.of(lad.state(), day));
    }

    void run(LocalDate day, NightlyEvents nightly) {
        LadMeta meta = lad.meta();
        long every = Math.max(1, lad.settings().hotspots().emergingEvery().toDays());
        if (meta.lastEmerging() >= 0 && day.toEpochDay() - meta.lastEmerging() < every) {
            return;
        }
        int steps = lad.settings().hotspots().emergingSteps();
        long last = day.toEpochDay();
        long first = last - (steps - 1L);
        Map<String, long[]> daily = new TreeMap<>();
        Set<String> ownCells = new HashSet<>();
        for (int k = 0; k < nightly.size(); k++) {
            FusedEvent e = nightly.event(k);
            long d = nightly.epochDay(k);
            if (e.cell() != null && d >= first && d <= last) {
                daily.computeIfAbsent(e.cell(), c -> new long[steps])[(int) (d - first)]++;
                ownCells.add(e.cell());
            }
        }
        NightlyEvents halo = NightlyEvents.halo(lad.state(), day);
        for (int k = 0; k < halo.size(); k++) {
            FusedEvent e = halo.event(k);
            long d = halo.epochDay(k);
            if (e.cell() != null && d >= first && d <= last) {
                daily.computeIfAbsent(e.cell(), c -> new long[steps])[(int) (d - first)]++;
            }
        }
        Publish.clearBook(lad.state().emerging());
        CellOwners owners = lad.context().cellOwners();
        for (Map.Entry<String, HotSpotCategory> e : lad.context().emerging().classify(daily).entrySet()) {
            String cell = e.getKey();
            if (e.getValue() != HotSpotCategory.NO_PATTERN
                    && (ownCells.contains(cell) || owners.publishes(lad.lad(), cell, false))) {
                lad.state().emerging().put(cell, e.getValue().name());
            }
        }
        lad.state().meta().set(new LadMeta(meta.lastActivity(), day.toEpochDay()));
        CellSummaries.forget(lad.cache()); // the published cells' emerging categories changed
    }

    /** Whether a cell's category (as kept in state, or null) makes it hot now. */
    static boolean hotNow(String category) {
        return category != null && org.ember.geo.layers.EmergingCells.hotNow(HotSpotCategory.valueOf(category));
    }
}
