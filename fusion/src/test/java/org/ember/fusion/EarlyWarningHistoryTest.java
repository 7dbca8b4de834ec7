package org.ember.fusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EarlyWarningHistoryTest {
    private static final String RIVERSIDE = "W01001700";
    private static final String CATHAYS = "W01001701";
    private static final LocalDate MONDAY = LocalDate.of(2025, 3, 10);
    private static final LocalDate SUNDAY = MONDAY.minusDays(1);
    private static final LocalDate SATURDAY = MONDAY.minusDays(2);

    /** Closed to Monday, three days held: counts [back][location] for Riverside and Cathays. */
    private static EarlyWarningHistory closedToMonday() {
        int[] counts = {
            2, 0, // Monday
            1, 3, // Sunday
            0, 1, // Saturday
        };
        return new EarlyWarningHistory(new String[] {RIVERSIDE, CATHAYS}, MONDAY.toEpochDay(), 40, counts,
                new double[] {0.5, 0}, new boolean[] {true, false}, new double[] {14.2, 0});
    }

    private static Map<Long, Map<String, Integer>> one(LocalDate day, String lsoa, int delta) {
        return Map.of(day.toEpochDay(), Map.of(lsoa, delta));
    }

    @Test
    void aLateRecordForAClosedDayIsAddedToThatDayAndCountedAsLate() {
        EarlyWarningHistory h = closedToMonday();

        EarlyWarningHistory late = h.revised(one(SUNDAY, CATHAYS, 1));

        assertThat(late.count(SUNDAY.toEpochDay(), CATHAYS)).isEqualTo(4);
        assertThat(late.count(SUNDAY.toEpochDay(), RIVERSIDE)).isEqualTo(1);
        assertThat(late.count(MONDAY.toEpochDay(), CATHAYS)).isZero();
        assertThat(late.lateChanges()).isEqualTo(1);
        // The closed days' scores, excess and flags stay as published.
        assertThat(late.scores()).containsExactly(14.2, 0);
        assertThat(late.excess()).containsExactly(0.5, 0);
        assertThat(late.alerted()).containsExactly(true, false);
        assertThat(late.lastEpochDay()).isEqualTo(MONDAY.toEpochDay());
        assertThat(late.daysSeen()).isEqualTo(40);
        assertThat(h.count(SUNDAY.toEpochDay(), CATHAYS)).as("the original is not changed").isEqualTo(3);
    }

    @Test
    void aCorrectionMovesTheIncidentBetweenClosedDaysAndLsoasAsOneLateChange() {
        EarlyWarningHistory moved = closedToMonday().revised(Map.of(
                SATURDAY.toEpochDay(), Map.of(CATHAYS, -1),
                MONDAY.toEpochDay(), Map.of(RIVERSIDE, 1)));

        assertThat(moved.count(SATURDAY.toEpochDay(), CATHAYS)).isZero();
        assertThat(moved.count(MONDAY.toEpochDay(), RIVERSIDE)).isEqualTo(3);
        assertThat(moved.lateChanges()).isEqualTo(1);
    }

    @Test
    void changesOutsideTheClosedDaysHeldOrForOtherLsoasOrThatCancelOutLeaveTheHistoryAsItIs() {
        EarlyWarningHistory h = closedToMonday();

        assertThat(h.revised(one(MONDAY.plusDays(1), RIVERSIDE, 1))).as("the open day: counted at its close").isSameAs(h);
        assertThat(h.revised(one(SATURDAY.minusDays(1), RIVERSIDE, 1))).as("older than the days held").isSameAs(h);
        assertThat(h.revised(one(SUNDAY, "W01009999", 1))).as("not a scan location").isSameAs(h);
        assertThat(h.revised(one(SUNDAY, RIVERSIDE, 0))).as("a correction within the day and LSOA").isSameAs(h);
        assertThat(h.revised(one(SATURDAY, RIVERSIDE, -1))).as("counts never go below zero").isSameAs(h);
        assertThat(h.count(MONDAY.plusDays(1).toEpochDay(), RIVERSIDE)).isEqualTo(-1);
    }

    @Test
    void theOldConstructorStartsWithNoLateChangesAndTheCountsMustFitTheLocations() {
        assertThat(closedToMonday().lateChanges()).isZero();
        assertThat(closedToMonday().daysHeld()).isEqualTo(3);
        assertThatThrownBy(() -> new EarlyWarningHistory(new String[] {RIVERSIDE, CATHAYS}, 0, 1, new int[3],
                new double[2], new boolean[2], new double[2])).isInstanceOf(IllegalArgumentException.class);
    }
}
