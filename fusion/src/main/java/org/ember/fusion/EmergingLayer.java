package org.ember.fusion;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.ember.geo.emerging.HotSpotCategory;

/**
 * Emerging hot-spot categories of the cells of one local authority (daily counts over the last
 * {@code emergingSteps} days, {@link org.ember.geo.layers.EmergingCells}), on its schedule at local
 * midnight; kept in state for the cells and area metrics to read.
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
        for (int k = 0; k < nightly.size(); k++) {
            FusedEvent e = nightly.event(k);
            long d = nightly.epochDay(k);
            if (e.cell() != null && d >= first && d <= last) {
                daily.computeIfAbsent(e.cell(), c -> new long[steps])[(int) (d - first)]++;
            }
        }
        Publish.clearBook(lad.state().emerging());
        for (Map.Entry<String, HotSpotCategory> e : lad.context().emerging().classify(daily).entrySet()) {
            if (e.getValue() != HotSpotCategory.NO_PATTERN) {
                lad.state().emerging().put(e.getKey(), e.getValue().name());
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
