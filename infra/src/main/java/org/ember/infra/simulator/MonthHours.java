package org.ember.infra.simulator;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws times inside one calendar month of a local zone, weighting every real hour of the month by
 * the {@link HourOfWeekProfile} of its weekday and clock hour; the minute is uniform. Drawing the
 * (date, hour) pair jointly over the whole month keeps both the weekly rhythm and the number of
 * each weekday in that month. Clock changes are honoured: the hour skipped in spring is never
 * drawn and the hour repeated in autumn is drawn under both offsets.
 */
final class MonthHours {
    private final YearMonth month;
    private final Instant start;
    private final Instant end;
    private final long[] hourStarts;
    private final double[] cumulative;

    private MonthHours(YearMonth month, Instant start, Instant end, long[] hourStarts, double[] cumulative) {
        this.month = month;
        this.start = start;
        this.end = end;
        this.hourStarts = hourStarts;
        this.cumulative = cumulative;
    }

    static MonthHours of(YearMonth month, HourOfWeekProfile profile, ZoneId zone) {
        List<Long> starts = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        LocalDateTime hour = month.atDay(1).atStartOfDay();
        LocalDateTime stop = month.plusMonths(1).atDay(1).atStartOfDay();
        while (hour.isBefore(stop)) {
            double weight = profile.weight(hour.getDayOfWeek(), hour.getHour());
            for (ZoneOffset offset : zone.getRules().getValidOffsets(hour)) {
                starts.add(hour.toInstant(offset).toEpochMilli());
                weights.add(weight);
            }
            hour = hour.plusHours(1);
        }
        long[] hourStarts = starts.stream().mapToLong(Long::longValue).toArray();
        double[] cumulative = new double[weights.size()];
        double sum = 0;
        for (int i = 0; i < cumulative.length; i++) {
            sum += weights.get(i);
            cumulative[i] = sum;
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("the hour-of-week profile gives no weight to " + month);
        }
        return new MonthHours(month, startOf(month, zone), startOf(month.plusMonths(1), zone), hourStarts, cumulative);
    }

    static Instant startOf(YearMonth month, ZoneId zone) {
        return month.atDay(1).atStartOfDay(zone).toInstant();
    }

    YearMonth month() {
        return month;
    }

    /** First instant of the month in the zone. */
    Instant start() {
        return start;
    }

    /** First instant of the next month in the zone. */
    Instant end() {
        return end;
    }

    /** Number of hours the month really has (743 or 745 in months with a clock change). */
    int hours() {
        return hourStarts.length;
    }

    /** A random instant of the month: hour by profile weight, minute uniform; two random numbers. */
    Instant draw(SplittableRandom random) {
        double u = random.nextDouble() * cumulative[cumulative.length - 1];
        int slot = firstAbove(u);
        int minute = random.nextInt(60);
        return Instant.ofEpochMilli(hourStarts[slot] + minute * 60_000L);
    }

    /** The first hour whose cumulative weight exceeds u, i.e. whose interval holds u; never a zero-weight hour. */
    private int firstAbove(double u) {
        int low = 0;
        int high = cumulative.length - 1;
        if (u >= cumulative[high]) {
            // Only rounding gets here: take the last hour that has any weight.
            while (high > 0 && cumulative[high] == cumulative[high - 1]) {
                high--;
            }
            return high;
        }
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] > u) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }
}
