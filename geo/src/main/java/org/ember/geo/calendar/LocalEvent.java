package org.ember.geo.calendar;

import java.time.LocalDate;
import java.util.Set;

/**
 * A named local event from configuration (a derby, a carnival, a festival), on days
 * {@code first..last} inclusive, in the listed areas (empty = everywhere).
 */
public record LocalEvent(String name, LocalDate first, LocalDate last, Set<String> areas) {
    public LocalEvent {
        areas = Set.copyOf(areas);
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("event " + name + " ends before it starts");
        }
    }

    public boolean appliesTo(String area, LocalDate date) {
        return !date.isBefore(first) && !date.isAfter(last) && (areas.isEmpty() || areas.contains(area));
    }
}
