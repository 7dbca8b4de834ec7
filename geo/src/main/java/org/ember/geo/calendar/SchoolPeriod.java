package org.ember.geo.calendar;

import java.time.LocalDate;

/**
 * A span of days (inclusive) for one local authority: a term, a holiday or half-term, or an
 * exam period. {@code last} may be null for an open-ended period (e.g. "summer holiday from").
 */
public record SchoolPeriod(String laCode, String academicYear, String name, SchoolStatus kind, LocalDate first,
        LocalDate last) {

    public boolean contains(LocalDate date) {
        return !date.isBefore(first) && (last == null || !date.isAfter(last));
    }
}
