package org.ember.geo.evaluation;

import java.time.Instant;
import java.util.Set;

/**
 * An intervention as the evaluation sees it (the feed's record is mapped to this in the caller, so
 * that geo stays free of the model module).
 *
 * @param id      intervention id
 * @param type    e.g. hotspot_patrol
 * @param spoke   local authority (VRU spoke) of the treated areas
 * @param units   treated areas or cells
 * @param start   start (inclusive)
 * @param end     end (exclusive)
 * @param dosage  e.g. patrol minutes, 0 when not recorded
 */
public record Treatment(String id, String type, String spoke, Set<String> units, Instant start, Instant end, double dosage) {
    public Treatment {
        units = Set.copyOf(units);
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("intervention " + id + " ends before it starts");
        }
    }
}
