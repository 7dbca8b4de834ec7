package org.ember.model.interventions;

import java.time.Instant;
import java.util.List;

/**
 * One record of {@code feed.interventions}: what a partner did, where and when. It describes
 * activity, not harm, so it never becomes an {@link org.ember.model.Incident} and never enters
 * violence counts.
 *
 * @param areas            treated LSOAs (exactly one of areas and cells is given)
 * @param cells            treated grid cells
 * @param end              exclusive end
 * @param alertFingerprint the alert it answers, or null
 */
public record Intervention(
        String interventionId,
        Integer version,
        String status,
        String type,
        String partner,
        List<String> areas,
        List<String> cells,
        Instant start,
        Instant end,
        Dosage dosage,
        String alertFingerprint) {

    public Intervention {
        areas = areas == null ? null : List.copyOf(areas);
        cells = cells == null ? null : List.copyOf(cells);
    }

    public static final String LAYER_LSOA = "lsoa";
    public static final String LAYER_CELL = "cell";

    /** "lsoa" or "cell": what the treated units are. */
    public String layer() {
        return areas != null ? LAYER_LSOA : LAYER_CELL;
    }

    /** The treated areas or cells. */
    public List<String> units() {
        return areas != null ? areas : cells;
    }

    public int versionOrDefault() {
        return version == null ? 1 : version;
    }

    public boolean cancelled() {
        return "cancelled".equals(status);
    }
}
