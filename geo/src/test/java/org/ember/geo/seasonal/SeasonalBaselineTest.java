package org.ember.geo.seasonal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ember.geo.calendar.BankHolidays;
import org.ember.geo.calendar.EmberCalendar;
import org.ember.geo.calendar.LondonHours;
import org.ember.geo.calendar.SchoolCalendar;
import org.junit.jupiter.api.Test;

class SeasonalBaselineTest {
    private static final LocalDate START = LocalDate.of(2023, 1, 2);
    private static final LocalDate BANK_HOLIDAY = LocalDate.of(2024, 8, 26);
    private static final EmberCalendar CALENDAR = new EmberCalendar(
            BankHolidays.of(Map.of(LocalDate.of(2023, 5, 1), "May Day", LocalDate.of(2023, 8, 28), "Summer",
                    LocalDate.of(2024, 5, 6), "May Day", BANK_HOLIDAY, "Summer", LocalDate.of(2024, 12, 25), "Xmas")),
            new SchoolCalendar(List.of()), List.of());

    /** True daily mean: 4 on weekdays, 8 on Saturdays, x3 on bank holidays, ±25 % annual cycle. */
    private static double truth(LocalDate d) {
        double m = d.getDayOfWeek() == DayOfWeek.SATURDAY ? 8 : 4;
        m *= 1 + 0.25 * Math.sin(2 * Math.PI * d.getDayOfYear() / 365.25);
        return CALENDAR.day("X", d).bankHoliday() ? 3 * m : m;
    }

    private static long poisson(SplittableRandom r, double mean) {
        double l = Math.exp(-mean);
        long k = 0;
        double p = 1;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }

    private static Instant day(LocalDate d) {
        return d.atStartOfDay(LondonHours.LONDON).toInstant();
    }

    private static SeasonalBaseline trained(LocalDate until) {
        SeasonalBaseline b = new SeasonalBaseline(SeasonalBaseline.Bucket.DAY, CALENDAR, "X", 0.01, 1);
        SplittableRandom random = new SplittableRandom(42);
        for (LocalDate d = START; d.isBefore(until); d = d.plusDays(1)) {
            b.update(day(d), poisson(random, truth(d)));
        }
        return b;
    }

    @Test
    void learnsWeeklyAnnualAndHolidayEffects() {
        SeasonalBaseline b = trained(LocalDate.of(2025, 1, 1));
        LocalDate saturday = LocalDate.of(2025, 1, 4);
        LocalDate tuesday = LocalDate.of(2025, 1, 7);
        assertThat(b.predict(day(saturday), 0).expected()).isBetween(0.8 * truth(saturday), 1.2 * truth(saturday));
        assertThat(b.predict(day(tuesday), 0).expected()).isBetween(0.8 * truth(tuesday), 1.2 * truth(tuesday));
        // A bank holiday Monday is expected well above an ordinary Monday.
        double holiday = b.predict(day(BANK_HOLIDAY), 0).expected();
        double monday = b.predict(day(BANK_HOLIDAY.plusDays(7)), 0).expected();
        assertThat(holiday / monday).isBetween(2.0, 4.5);
    }

    @Test
    void flagsASpikeButNotAnOrdinaryDay() {
        SeasonalBaseline b = trained(LocalDate.of(2025, 1, 1));
        Instant tuesday = day(LocalDate.of(2025, 1, 7));
        SeasonalPrediction ordinary = b.predict(tuesday, 4);
        SeasonalPrediction spike = b.predict(tuesday, 20);
        assertThat(ordinary.exceedanceProbability()).isGreaterThan(0.2);
        assertThat(spike.exceedanceProbability()).isLessThan(1e-4);
        assertThat(spike.upperBound()).isGreaterThan(ordinary.expected()).isLessThan(20);
    }

    @Test
    void updatesIncrementally() {
        SeasonalBaseline b = trained(LocalDate.of(2023, 4, 1));
        Instant next = day(LocalDate.of(2023, 4, 1));
        double before = b.predict(next, 0).expected();
        for (int i = 0; i < 14; i++) {
            b.update(day(LocalDate.of(2023, 4, 1).plusDays(i)), 30);
        }
        assertThat(b.predict(day(LocalDate.of(2023, 4, 15)), 0).expected()).isGreaterThan(before);
    }

    @Test
    void needsEightWeeksOfHistory() {
        SeasonalBaseline b = trained(LocalDate.of(2023, 2, 1));
        assertThat(b.ready()).isFalse();
        assertThatThrownBy(() -> b.predict(day(LocalDate.of(2023, 2, 1)), 1))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void hourlyBucketsSpanClockChangesWithoutLosingHours() {
        SeasonalBaseline b = new SeasonalBaseline(SeasonalBaseline.Bucket.HOUR, null, "X", 0.01, 24);
        Instant t = day(LocalDate.of(2025, 2, 1));
        Instant end = day(LocalDate.of(2025, 4, 5));
        int hours = 0;
        while (t.isBefore(end)) {
            b.update(t, 1);
            t = t.plusSeconds(3600);
            hours++;
        }
        // 63 local days, one of them 23 hours long (30 March).
        assertThat(b.historyBuckets()).isEqualTo(hours).isEqualTo(63 * 24 - 1);
        assertThat(b.predict(end, 1).expected()).isBetween(0.99, 1.01);
    }

    /** {@link SeasonalBaseline#expected} and {@link SeasonalBaseline#dispersion} are, to the bit, what {@link SeasonalBaseline#predict} reports. */
    @Test
    void expectedIsWhatAPredictionReportsAndFitsCountTheRefits() {
        SplittableRandom random = new SplittableRandom(5);
        SeasonalBaseline predicting = new SeasonalBaseline(SeasonalBaseline.Bucket.HOUR, CALENDAR, "X", 0.01, 24);
        SeasonalBaseline expecting = new SeasonalBaseline(SeasonalBaseline.Bucket.HOUR, CALENDAR, "X", 0.01, 24);
        Instant first = day(START);
        long fits = 0;
        for (int h = 0; h < 80 * 24; h++) {
            Instant start = first.plusSeconds(3600L * h);
            long count = poisson(random, 0.5 + (h % 24 >= 20 ? 1.5 : 0));
            predicting.update(start, count);
            expecting.update(start, count);
            if (expecting.ready() && random.nextInt(5) == 0) {
                Instant at = start.plusSeconds(3600L * random.nextInt(-48, 48));
                SeasonalPrediction p = predicting.predict(at, 0);
                assertThat(Double.doubleToRawLongBits(expecting.expected(at))).isEqualTo(Double.doubleToRawLongBits(p.expected()));
                assertThat(expecting.dispersion()).isEqualTo(p.dispersion());
                assertThat(expecting.fits()).isGreaterThanOrEqualTo(fits);
                fits = expecting.fits();
            }
        }
        assertThat(fits).as("refitted about daily once ready").isBetween(15L, 30L);
    }
}
