package org.ember.geo.calendar;

import java.time.LocalDate;
import java.util.List;

/** Calendar facts of one day for one area: bank holiday, school status, local events. */
public record CalendarDay(LocalDate date, boolean bankHoliday, SchoolStatus school, List<String> events) {
    public CalendarDay {
        events = List.copyOf(events);
    }
}
