package org.ember.geo.seasonal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ember.geo.calendar.BankHolidays;
import org.ember.geo.calendar.CalendarDay;
import org.ember.geo.calendar.EmberCalendar;
import org.ember.geo.calendar.LondonHours;
import org.ember.geo.calendar.SchoolCalendar;
import org.ember.geo.calendar.SchoolStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A design row filled in place is the row the boxed list made (the code before, kept here), to
 * the bit: hourly and daily buckets, with and without the annual terms and a calendar, across
 * clock changes and bank holidays.
 */
class SeasonalFeaturesTest {
    private static final EmberCalendar CALENDAR = new EmberCalendar(
            BankHolidays.of(Map.of(LocalDate.of(2024, 5, 6), "May Day", LocalDate.of(2024, 8, 26), "Summer",
                    LocalDate.of(2024, 12, 25), "Xmas", LocalDate.of(2025, 4, 21), "Easter Monday")),
            new SchoolCalendar(List.of()), List.of());

    private static double[] reference(Instant first, SeasonalBaseline.Bucket bucket, EmberCalendar calendar,
            Instant start, boolean annual) {
        ZonedDateTime local = start.atZone(LondonHours.LONDON);
        List<Double> f = new ArrayList<>();
        f.add(1.0);
        f.add(Duration.between(first, start).toHours() / (365.25 * 24));
        int dow = local.getDayOfWeek().getValue();
        for (int d = 2; d <= 7; d++) {
            f.add(dow == d ? 1.0 : 0.0);
        }
        if (bucket == SeasonalBaseline.Bucket.HOUR) {
            for (int h = 1; h < 24; h++) {
                f.add(local.getHour() == h ? 1.0 : 0.0);
            }
        }
        if (annual) {
            double angle = 2 * Math.PI * local.getDayOfYear() / 365.25;
            for (int k = 1; k <= 2; k++) {
                f.add(Math.sin(k * angle));
                f.add(Math.cos(k * angle));
            }
        }
        if (calendar != null) {
            CalendarDay day = calendar.day("X", local.toLocalDate());
            f.add(day.bankHoliday() ? 1.0 : 0.0);
            f.add(day.school() == SchoolStatus.HOLIDAY ? 1.0 : 0.0);
            f.add(day.school() == SchoolStatus.HALF_TERM ? 1.0 : 0.0);
            f.add(day.school() == SchoolStatus.EXAMS ? 1.0 : 0.0);
            f.add(day.events().isEmpty() ? 0.0 : 1.0);
        }
        return f.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void aRowFilledInPlaceIsTheRowTheListMade(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Instant first = Instant.parse("2024-01-01T00:00:00Z");
        for (SeasonalBaseline.Bucket bucket : SeasonalBaseline.Bucket.values()) {
            for (EmberCalendar calendar : new EmberCalendar[] {null, CALENDAR}) {
                SeasonalBaseline b = new SeasonalBaseline(bucket, calendar, "X", 0.01, 24);
                b.update(first, 1); // fixes the first bucket, which the trend counts from
                for (int n = 0; n < 2_000; n++) {
                    Instant start = first.plus(Duration.ofHours(random.nextInt(2 * 366 * 24)));
                    boolean annual = random.nextBoolean();
                    double[] row = b.features(start, annual);
                    double[] expected = reference(first, bucket, calendar, start, annual);
                    assertThat(row.length).isEqualTo(expected.length);
                    for (int j = 0; j < row.length; j++) {
                        assertThat(Double.doubleToLongBits(row[j])).as("%s column %d", start, j)
                                .isEqualTo(Double.doubleToLongBits(expected[j]));
                    }
                }
            }
        }
    }
}
