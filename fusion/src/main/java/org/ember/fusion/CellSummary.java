package org.ember.fusion;

import java.util.ArrayList;
import java.util.List;

/**
 * The published cells of one area, summed up for its metrics and tension; hot and emerging cells
 * by cell id once {@link #sort}ed ({@link CellSummaries}).
 */
final class CellSummary {
    double giMax;
    final List<String> hot = new ArrayList<>();
    final List<String> emerging = new ArrayList<>();

    void add(String cell, Published p, boolean emergingHot) {
        if (p.values().getOrDefault(CellLayer.CELL_COUNT, 0.0) > 0) {
            giMax = Math.max(giMax, p.values().getOrDefault(CellLayer.GI_Z, 0.0));
        }
        if ("true".equals(p.labels().get("hot"))) {
            hot.add(cell);
        }
        if (emergingHot) {
            emerging.add(cell);
        }
    }

    /** Lists the hot and emerging cells by cell id. */
    void sort() {
        hot.sort(null);
        emerging.sort(null);
    }
}
