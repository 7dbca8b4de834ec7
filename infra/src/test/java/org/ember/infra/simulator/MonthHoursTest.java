package org.ember.infra.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MonthHoursTest {
    private static final ZoneId UK = ZoneId.of("Europe/London");

    /** A profile where only one hour of the week ever sees violence. */
    private static HourOfWeekProfile onlyAt(DayOfWeek day, int hour) {
        long[] counts = new long[HourOfWeekProfile.HOURS_PER_WEEK];
        counts[HourOfWeekProfile.index(day, hour)] = 1;
        return HourOfWeekProfile.fromCounts(counts);
    }

    private static HourOfWeekProfile flat() {
        long[] counts = new long[HourOfWeekProfile.HOURS_PER_WEEK];
        java.util.Arrays.fill(counts, 1);
        return HourOfWeekProfile.fromCounts(counts);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 2025})
    void drawsStayInsideTheMonthInLocalTime(long seed) {
        YearMonth october = YearMonth.of(2025, 10);
        MonthHours hours = MonthHours.of(october, SimulatorFixtures.profile(), UK);
        SplittableRandom random = new SplittableRandom(seed);

        for (int i = 0; i < 2_000; i++) {
            Instant t = hours.draw(random);
            assertThat(YearMonth.from(t.atZone(UK))).isEqualTo(october);
            assertThat(t.atZone(UK).getSecond()).isZero();
        }
    }

    @Test
    void aProfileWithOneHourOnlyYieldsThatHourOnly() {
        MonthHours hours = MonthHours.of(YearMonth.of(2025, 1), onlyAt(DayOfWeek.SATURDAY, 1), UK);
        SplittableRandom random = new SplittableRandom(7);

        for (int i = 0; i < 500; i++) {
            ZonedDateTime t = hours.draw(random).atZone(UK);
            assertThat(t.getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY);
            assertThat(t.getHour()).isEqualTo(1);
        }
    }

    @Test
    void theHourSkippedInSpringIsNeverDrawnAndAutumnHasItsExtraHour() {
        // 2025-03-30 01:00 GMT the clocks went forward; 2025-10-26 01:00 BST they went back.
        MonthHours march = MonthHours.of(YearMonth.of(2025, 3), flat(), UK);
        MonthHours october = MonthHours.of(YearMonth.of(2025, 10), flat(), UK);
        MonthHours january = MonthHours.of(YearMonth.of(2025, 1), flat(), UK);

        assertThat(march.hours()).isEqualTo(31 * 24 - 1);
        assertThat(october.hours()).isEqualTo(31 * 24 + 1);
        assertThat(january.hours()).isEqualTo(31 * 24);
        MonthHours onlySundayOne = MonthHours.of(YearMonth.of(2025, 3), onlyAt(DayOfWeek.SUNDAY, 1), UK);
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 500; i++) {
            LocalDateTime local = onlySundayOne.draw(random).atZone(UK).toLocalDateTime();
            assertThat(local.toLocalDate()).isNotEqualTo(java.time.LocalDate.of(2025, 3, 30));
        }
    }

    @Test
    void drawsFollowTheProfile() {
        MonthHours hours = MonthHours.of(YearMonth.of(2025, 1), SimulatorFixtures.profile(), UK);
        SplittableRandom random = new SplittableRandom(3);
        int saturdayEarly = 0;
        int tuesdayMorning = 0;
        for (int i = 0; i < 20_000; i++) {
            ZonedDateTime t = hours.draw(random).atZone(UK);
            if (t.getDayOfWeek() == DayOfWeek.SATURDAY && t.getHour() < 3) {
                saturdayEarly++;
            }
            if (t.getDayOfWeek() == DayOfWeek.TUESDAY && t.getHour() >= 5 && t.getHour() < 8) {
                tuesdayMorning++;
            }
        }
        assertThat(saturdayEarly).isGreaterThan(2 * tuesdayMorning);
    }
}
