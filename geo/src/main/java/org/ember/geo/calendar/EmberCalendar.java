package org.ember.geo.calendar;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Bank holidays, school calendars and local events combined, asked per area and day. */
public final class EmberCalendar {
    private final BankHolidays bankHolidays;
    private final SchoolCalendar schools;
    private final List<LocalEvent> events;

    public EmberCalendar(BankHolidays bankHolidays, SchoolCalendar schools, List<LocalEvent> events) {
        this.bankHolidays = bankHolidays;
        this.schools = schools;
        this.events = List.copyOf(events);
    }

    /**
     * @param laCode local authority code for the school calendar (e.g. W06000015 Cardiff)
     */
    public CalendarDay day(String laCode, LocalDate date) {
        List<String> names = new ArrayList<>();
        for (LocalEvent e : events) {
            if (e.appliesTo(laCode, date)) {
                names.add(e.name());
            }
        }
        return new CalendarDay(date, bankHolidays.isBankHoliday(date), schools.status(laCode, date), names);
    }
}
