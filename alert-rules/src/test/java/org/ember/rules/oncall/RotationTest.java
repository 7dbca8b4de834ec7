package org.ember.rules.oncall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class RotationTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    /** The clocks went back at 02:00 BST (01:00 UTC) on Sunday 26 October 2025. */
    private static final Instant SATURDAY_20H_BST = Instant.parse("2025-10-25T19:00:00Z");
    private static final Instant SUNDAY_08H_GMT = Instant.parse("2025-10-26T08:00:00Z");

    private static Rotation twelveHour(String... members) {
        return new Rotation("twelve-hour", LocalDateTime.parse("2025-01-06T08:00"), Duration.ofHours(12), List.of(members),
                List.of(), LONDON);
    }

    @Test
    void theNightTheClocksGoBackIsThirteenHoursLongAndHandsOverAt0800() {
        Rotation rotation = twelveHour("a", "b");
        OnCallShift night = rotation.onCall(Instant.parse("2025-10-26T01:30:00Z")).orElseThrow();
        assertThat(night.from()).isEqualTo(SATURDAY_20H_BST);
        assertThat(night.until()).isEqualTo(SUNDAY_08H_GMT);
        assertThat(Duration.between(night.from(), night.until())).isEqualTo(Duration.ofHours(13));
        OnCallShift day = rotation.onCall(SUNDAY_08H_GMT).orElseThrow();
        assertThat(day.person()).isNotEqualTo(night.person());
    }

    @Test
    void theNightTheClocksGoForwardIsElevenHoursLong() {
        OnCallShift night = twelveHour("a", "b").onCall(Instant.parse("2025-03-30T03:00:00Z")).orElseThrow();
        assertThat(Duration.between(night.from(), night.until())).isEqualTo(Duration.ofHours(11));
        assertThat(night.until().atZone(LONDON).toLocalTime()).isEqualTo(LocalTime.of(8, 0));
    }

    @Test
    void membersTakeTurnsInOrderAndTheTurnWrapsRound() {
        Rotation rotation = twelveHour("a", "b", "c");
        Instant start = Instant.parse("2025-01-06T08:00:00Z");
        assertThat(List.of(0, 12, 24, 36, 48)).extracting(h -> rotation.onCall(start.plus(Duration.ofHours(h)))
                .orElseThrow().person()).containsExactly("a", "b", "c", "a", "b");
        assertThat(rotation.onCall(start.minus(Duration.ofHours(1))).orElseThrow().person())
                .as("before the first shift the turn runs backwards").isEqualTo("c");
    }

    @RepeatedTest(200)
    void everyInstantFallsInExactlyOneShiftThatStartsAndEndsAtAHandOverTime(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        long hours = new long[] {1, 2, 3, 4, 6, 8, 12, 24, 48, 168}[random.nextInt(10)];
        Rotation rotation = new Rotation("r", LocalDateTime.parse("2024-01-01T08:00"), Duration.ofHours(hours),
                List.of("a", "b", "c"), List.of(), LONDON);
        Instant at = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(random.nextLong(0, 3L * 365 * 86_400));
        OnCallShift shift = rotation.onCall(at).orElseThrow();
        assertThat(shift.from()).isBeforeOrEqualTo(at);
        assertThat(shift.until()).isAfter(at);
        // The next shift starts where this one ends, with the next member.
        OnCallShift next = rotation.onCall(shift.until()).orElseThrow();
        assertThat(next.from()).isEqualTo(shift.until());
        List<String> members = List.of("a", "b", "c");
        assertThat(members.indexOf(next.person())).isEqualTo((members.indexOf(shift.person()) + 1) % 3);
        // Hand-overs are at the same local time of day, whatever the season (one hour either way at most in real time).
        long localMinutes = shift.from().atZone(LONDON).toLocalTime().toSecondOfDay() / 60;
        assertThat(localMinutes % 60).isZero();
        if (hours >= 24) {
            assertThat(shift.from().atZone(LONDON).toLocalTime()).isEqualTo(LocalTime.of(8, 0));
        }
    }

    @Test
    void shiftsMustDivideADayOrBeWholeDays() {
        assertThatThrownBy(() -> new Rotation("r", LocalDateTime.parse("2025-01-06T08:00"), Duration.ofHours(5),
                List.of("a"), List.of(), LONDON)).hasMessageContaining("whole hours dividing a day");
    }
}
