package org.ember.geo.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Hour buckets for Europe/London that are UTC hours underneath. A bucket is identified by its UTC
 * start instant, so the day the clocks go forward (23 local hours) has 23 buckets and the day they
 * go back (25 local hours, 01:00–02:00 twice) has 25: no count is created or lost, and the two
 * 01:30s of the October change land in different buckets. Local time is used only for labels and
 * for seasonal profiles (local hour of week).
 */
public final class LondonHours {
    public static final ZoneId LONDON = ZoneId.of("Europe/London");

    private LondonHours() {}

    /** The UTC hour bucket an instant falls in (its start). */
    public static Instant bucket(Instant t) {
        return t.truncatedTo(ChronoUnit.HOURS);
    }

    /** The UTC hour buckets that make up a local London day, in order (23, 24 or 25 of them). */
    public static List<Instant> bucketsOf(LocalDate day) {
        Instant start = day.atStartOfDay(LONDON).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(LONDON).toInstant();
        List<Instant> out = new ArrayList<>();
        for (Instant t = start; t.isBefore(end); t = t.plus(1, ChronoUnit.HOURS)) {
            out.add(t);
        }
        return out;
    }

    /** Local date of an instant. */
    public static LocalDate localDate(Instant t) {
        return t.atZone(LONDON).toLocalDate();
    }

    /**
     * Local hour of week, 0 = Monday 00:00–01:00 … 167 = Sunday 23:00. On the October change both
     * 01:00 hours map to the same profile slot; on the March change slot 01:00 Sunday is absent.
     */
    public static int hourOfWeek(Instant t) {
        ZonedDateTime local = t.atZone(LONDON);
        DayOfWeek d = local.getDayOfWeek();
        return (d.getValue() - 1) * 24 + local.getHour();
    }
}
