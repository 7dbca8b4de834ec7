package org.ember.jobs.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.ember.model.Incident;
import org.junit.jupiter.api.Test;

class ForecastLookbackTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    static Incident incident(String id, int version, boolean cancelled, Instant at, double e, double n, boolean precise) {
        return new Incident("police", id, version, cancelled, at.toEpochMilli(), at.toEpochMilli(), "violence", false,
                null, -3.18, 51.48, e, n, precise, "W01001694", "W06000015", precise ? "250m:1276:705" : null, null, "",
                0L);
    }

    @Test
    void timesAreReadOffTheLocalClockAsEmberForecastReadsThem() {
        // 23:30 UTC on 1 July is 00:30 on 2 July in London (BST): the forecast's day is the local one.
        Instant summer = Instant.parse("2025-07-01T23:30:00Z");
        assertThat(ForecastLookback.localDay(summer.toEpochMilli(), LONDON))
                .isEqualTo(LocalDate.parse("2025-07-02").toEpochDay());
        assertThat(ForecastLookback.localDays(summer.toEpochMilli(), LONDON))
                .isCloseTo(LocalDate.parse("2025-07-02").toEpochDay() + 0.5 / 24, org.assertj.core.data.Offset.offset(1e-9));
        Instant winter = Instant.parse("2025-01-01T23:30:00Z");
        assertThat(ForecastLookback.localDay(winter.toEpochMilli(), LONDON))
                .isEqualTo(LocalDate.parse("2025-01-01").toEpochDay());
        assertThat(ForecastLookback.startOfDay(LocalDate.parse("2025-07-02").toEpochDay(), LONDON))
                .isEqualTo(Instant.parse("2025-07-01T23:00:00Z").toEpochMilli());
    }

    @Test
    void aDayIsIssuedOnceWhenTheWatermarkFirstEntersIt() {
        long day = LocalDate.parse("2025-03-14").toEpochDay();
        long late = Instant.parse("2025-03-14T21:00:00Z").toEpochMilli();
        long next = Instant.parse("2025-03-15T00:10:00Z").toEpochMilli();
        assertThat(ForecastLookback.dayToIssue(Long.MIN_VALUE, null, LONDON)).as("no watermark yet").isEqualTo(-1);
        assertThat(ForecastLookback.dayToIssue(late, null, LONDON)).isEqualTo(day);
        assertThat(ForecastLookback.dayToIssue(late, day, LONDON)).as("same day again").isEqualTo(-1);
        assertThat(ForecastLookback.dayToIssue(next, day, LONDON)).isEqualTo(day + 1);
        assertThat(ForecastLookback.dayToIssue(Long.MAX_VALUE, day, LONDON))
                .as("the end of a bounded input is not a day").isEqualTo(-1);
    }

    @Test
    void trimKeepsOnlyTheTrainingWindow() {
        List<LookbackEvent> events = List.of(new LookbackEvent(1, 0, 0, 100.0), new LookbackEvent(2, 0, 0, 100.5),
                new LookbackEvent(3, 0, 0, 101.0), new LookbackEvent(4, 0, 0, 99.99));
        assertThat(ForecastLookback.trim(events, 100.5)).extracting(LookbackEvent::record).containsExactly(2L, 3L);
        assertThat(ForecastLookback.trim(events, 102)).isEmpty();
    }

    @Test
    void aCorrectionReplacesTheEarlierVersionAndACancellationRemovesIt() {
        Instant at = Instant.parse("2025-03-14T21:00:00Z");
        Incident first = incident("A1", 1, false, at, 318_000, 176_000, true);
        Incident other = incident("B7", 1, false, at, 318_500, 176_500, true);
        List<LookbackEvent> events = List.of(ForecastLookback.of(first, LONDON), ForecastLookback.of(other, LONDON));
        assertThat(ForecastLookback.replaces(first)).isFalse();

        Incident moved = incident("A1", 2, false, at, 319_000, 177_000, true);
        assertThat(ForecastLookback.replaces(moved)).isTrue();
        List<LookbackEvent> corrected = ForecastLookback.replace(events, moved, ForecastLookback.of(moved, LONDON));
        assertThat(corrected).extracting(LookbackEvent::x).containsExactlyInAnyOrder(318_500.0, 319_000.0);

        Incident cancelled = incident("A1", 3, true, at, 319_000, 177_000, true);
        assertThat(ForecastLookback.replace(corrected, cancelled, ForecastLookback.of(cancelled, LONDON)))
                .extracting(LookbackEvent::x).containsExactly(318_500.0);
        assertThat(ForecastLookback.of(incident("C", 1, false, at, 1, 1, false), LONDON))
                .as("an area's interior point is not forecast").isNull();
    }

    @Test
    void stateExpiresTheDayAfterTheNewestEventLeavesTheWindow() {
        LookbackEvent newest = new LookbackEvent(1, 0, 0, LocalDate.parse("2025-03-14").toEpochDay() + 0.9);
        assertThat(ForecastLookback.expiry(newest, 7, LONDON))
                .isEqualTo(Instant.parse("2025-03-22T00:00:00Z").toEpochMilli());
    }
}
