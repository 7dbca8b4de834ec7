package org.ember.geo.forecast;

import java.time.LocalDate;

/**
 * What kind of day a date is for the seasonal adjustment: an ordinary day, a school holiday or a
 * bank holiday (a bank holiday wins). Built by the caller from the calendars in
 * {@code org.ember.geo.calendar} (UK) or left {@link #NONE} where no calendar applies.
 */
@FunctionalInterface
public interface DayTypes {
    int ORDINARY = 0;
    int SCHOOL_HOLIDAY = 1;
    int BANK_HOLIDAY = 2;
    int COUNT = 3;

    DayTypes NONE = date -> ORDINARY;

    int typeOf(LocalDate date);

    static LocalDate dateOf(double t) {
        return LocalDate.ofEpochDay((long) Math.floor(t));
    }
}
