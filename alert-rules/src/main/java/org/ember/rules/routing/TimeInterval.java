package org.ember.rules.routing;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

/**
 * One window of wall-clock time, as in Alertmanager's {@code time_intervals}: times of day,
 * weekdays, days of the month and months, all read in {@code location} (Europe/London unless said
 * otherwise), so "18:00 to 24:00" means the same on both sides of a clock change. An empty list
 * means "any".
 *
 * @param times       minute-of-day ranges, start inclusive, end exclusive (0..1440)
 * @param weekdays    days of the week
 * @param daysOfMonth day-of-month ranges, inclusive; negative counts from the end (-1 = last day)
 * @param months      month numbers 1..12
 * @param location    time zone the window is read in
 */
public record TimeInterval(List<MinuteRange> times, Set<DayOfWeek> weekdays, List<MinuteRange> daysOfMonth,
        Set<Integer> months, ZoneId location) {

    /** A range [start, end) of minutes of the day, or (for days of the month) [start, end] of days. */
    public record MinuteRange(int start, int end) {}

    public static final ZoneId LONDON = ZoneId.of("Europe/London");

    public TimeInterval {
        times = List.copyOf(times);
        weekdays = Set.copyOf(weekdays);
        daysOfMonth = List.copyOf(daysOfMonth);
        months = Set.copyOf(months);
    }

    public boolean contains(Instant instant) {
        ZonedDateTime local = instant.atZone(location);
        if (!weekdays.isEmpty() && !weekdays.contains(local.getDayOfWeek())) {
            return false;
        }
        if (!months.isEmpty() && !months.contains(local.getMonthValue())) {
            return false;
        }
        if (!daysOfMonth.isEmpty()) {
            int day = local.getDayOfMonth();
            int length = local.toLocalDate().lengthOfMonth();
            boolean any = false;
            for (MinuteRange range : daysOfMonth) {
                int from = range.start() < 0 ? length + 1 + range.start() : range.start();
                int to = range.end() < 0 ? length + 1 + range.end() : range.end();
                any |= day >= from && day <= to;
            }
            if (!any) {
                return false;
            }
        }
        if (!times.isEmpty()) {
            int minute = local.getHour() * 60 + local.getMinute();
            boolean any = false;
            for (MinuteRange range : times) {
                any |= minute >= range.start() && minute < range.end();
            }
            return any;
        }
        return true;
    }

    /** Whether any of the intervals contains the instant. */
    public static boolean any(List<TimeInterval> intervals, Instant instant) {
        for (TimeInterval interval : intervals) {
            if (interval.contains(instant)) {
                return true;
            }
        }
        return false;
    }
}
