package org.ember.geo.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CalendarTest {
    private static final Path CALENDAR =
            Path.of(System.getProperty("ember.data.dir", "../../shared/data")).resolve("calendar");
    private static final LocalDate SPRING_FORWARD = LocalDate.of(2025, 3, 30);
    private static final LocalDate FALL_BACK = LocalDate.of(2025, 10, 26);

    private static BankHolidays bankHolidays() throws IOException {
        return BankHolidays.read(BankHolidays.ENGLAND_AND_WALES,
                List.of(CALENDAR.resolve("govuk_bank-holidays_2018-2026_snapshot-2024-03.json"),
                        CALENDAR.resolve("govuk_bank-holidays_2024-2027_snapshot-2025-07.json")));
    }

    @Test
    void mergesBankHolidaySnapshots() throws IOException {
        BankHolidays h = bankHolidays();
        assertThat(h.isBankHoliday(LocalDate.of(2018, 1, 1))).as("only in the older snapshot").isTrue();
        assertThat(h.isBankHoliday(LocalDate.of(2027, 12, 28))).as("only in the newer snapshot").isTrue();
        assertThat(h.title(LocalDate.of(2025, 8, 25))).contains("Summer bank holiday");
        assertThat(h.isBankHoliday(LocalDate.of(2025, 8, 26))).isFalse();
        // 75 events 2018-2026 + 32 events 2024-2027 overlapping on 2024-2026 (24 days) = 83 days.
        assertThat(h.all()).hasSize(75 + 32 - 24);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "W06000015, 2025-10-28, HALF_TERM", // Cardiff autumn half term
        "W06000015, 2025-11-05, TERM",
        "W06000015, 2025-12-25, UNKNOWN", // Cardiff's Christmas break is not in the file
        "E08000013, 2023-10-27, TERM", // St Helens: schools close at the end of that day
        "E08000013, 2023-10-30, HALF_TERM",
        "E08000013, 2023-11-06, TERM", // schools open again
        "E08000013, 2024-07-30, HOLIDAY", // open-ended summer holiday
        "E08000013, 2024-09-02, TERM", // next year's teaching starts
        "E08000012, 2025-04-10, HOLIDAY", // Liverpool Easter break
        "E08000012, 2025-05-27, HALF_TERM"})
    void readsSchoolTermDates(String la, LocalDate day, SchoolStatus expected) throws IOException {
        SchoolCalendar schools = SchoolCalendar.read(CALENDAR.resolve("school_term_dates_transcribed.csv"));
        assertThat(schools.status(la, day)).isEqualTo(expected);
    }

    @Test
    void combinesHolidaysTermsAndConfiguredEvents() throws IOException {
        SchoolCalendar schools = SchoolCalendar.read(CALENDAR.resolve("school_term_dates_transcribed.csv"))
                .with(List.of(new SchoolPeriod("W06000015", "2025-2026", "GCSE exams", SchoolStatus.EXAMS,
                        LocalDate.of(2026, 5, 11), LocalDate.of(2026, 6, 19))));
        EmberCalendar cal = new EmberCalendar(bankHolidays(), schools, List.of(new LocalEvent("Cardiff derby",
                LocalDate.of(2026, 5, 12), LocalDate.of(2026, 5, 12), Set.of("W06000015"))));
        CalendarDay derby = cal.day("W06000015", LocalDate.of(2026, 5, 12));
        assertThat(derby.school()).isEqualTo(SchoolStatus.EXAMS);
        assertThat(derby.events()).containsExactly("Cardiff derby");
        assertThat(cal.day("W06000013", LocalDate.of(2026, 5, 12)).events()).isEmpty();
        assertThat(cal.day("W06000015", LocalDate.of(2026, 5, 4)).bankHoliday()).isTrue();
    }

    @Test
    void springForwardDayHas23BucketsAndKeepsEveryCount() {
        HourlyCounts counts = new HourlyCounts();
        Instant start = SPRING_FORWARD.atStartOfDay(LondonHours.LONDON).toInstant();
        Instant end = SPRING_FORWARD.plusDays(1).atStartOfDay(LondonHours.LONDON).toInstant();
        long events = 0;
        for (Instant t = start; t.isBefore(end); t = t.plusSeconds(20 * 60)) {
            counts.add(t);
            events++;
        }
        long[] day = counts.localDay(SPRING_FORWARD);
        assertThat(day).hasSize(23);
        assertThat(Arrays.stream(day).sum()).isEqualTo(events).isEqualTo(23 * 3);
        assertThat(day).containsOnly(3L);
    }

    @Test
    void fallBackDayHas25BucketsAndSeparatesTheTwo0130s() {
        HourlyCounts counts = new HourlyCounts();
        Instant firstOneThirty = LocalDateTime.of(2025, 10, 26, 0, 30).toInstant(ZoneOffset.UTC); // 01:30 BST
        Instant secondOneThirty = LocalDateTime.of(2025, 10, 26, 1, 30).toInstant(ZoneOffset.UTC); // 01:30 GMT
        counts.add(firstOneThirty);
        counts.add(secondOneThirty, 2);
        Instant start = FALL_BACK.atStartOfDay(LondonHours.LONDON).toInstant();
        for (int h = 0; h < 25; h++) {
            counts.add(start.plusSeconds(3600L * h + 60));
        }
        long[] day = counts.localDay(FALL_BACK);
        assertThat(day).hasSize(25);
        assertThat(Arrays.stream(day).sum()).isEqualTo(counts.total()).isEqualTo(28);
        assertThat(day[1]).as("01:00 BST hour").isEqualTo(2);
        assertThat(day[2]).as("01:00 GMT hour").isEqualTo(3);
        assertThat(LondonHours.hourOfWeek(firstOneThirty)).isEqualTo(LondonHours.hourOfWeek(secondOneThirty))
                .isEqualTo(6 * 24 + 1);
        assertThat(LondonHours.bucketsOf(LocalDate.of(2025, 10, 27))).hasSize(24);
    }
}
