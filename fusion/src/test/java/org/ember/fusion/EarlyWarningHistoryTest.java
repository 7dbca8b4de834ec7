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

    @Test
    void aLocationNotHeldIsAddedWithNoCountsSoALateRecordInItCounts() {
        EarlyWarningHistory h = closedToMonday();
        String cell = "250m:1280:712";

        EarlyWarningHistory added = h.withLocation(cell, CATHAYS);

        assertThat(added.ids()).containsExactly(RIVERSIDE, CATHAYS, cell);
        assertThat(added.lsoas()).containsExactly(RIVERSIDE, CATHAYS, CATHAYS);
        assertThat(added.count(SUNDAY.toEpochDay(), cell)).isZero();
        assertThat(added.count(SUNDAY.toEpochDay(), CATHAYS)).isEqualTo(3);
        assertThat(added.count(SATURDAY.toEpochDay(), CATHAYS)).isEqualTo(1);
        assertThat(added.scores()).containsExactly(14.2, 0, 0);
        assertThat(added.alerted()).containsExactly(true, false, false);
        assertThat(added.lateChanges()).isZero();
        assertThat(added.withLocation(cell, RIVERSIDE)).as("held already").isSameAs(added);
        assertThat(added.revised(one(SUNDAY, cell, 1)).count(SUNDAY.toEpochDay(), cell)).isEqualTo(1);
    }

    @Test
    void stateFromBeforeTheCellsHasNoLabelsAndItsLsoaLocationsAreTheirOwnAreas() {
        EarlyWarningHistory old = closedToMonday();
        EarlyWarningHistory restored = new EarlyWarningHistory(old.ids(), old.lastEpochDay(), old.daysSeen(), old.counts(),
                old.excess(), old.alerted(), old.scores(), old.lateChanges(), null);

        assertThat(restored.lsoas()).containsExactly(RIVERSIDE, CATHAYS);
        assertThat(restored).isEqualTo(old);
    }

    /**
     * Locations are found whatever the order of the ids (the layer writes them in id order; one
     * appended by a late record, or an older state, breaks it): every location of histories with ids
     * in random orders is found at its own index, and one not held is not.
     */
    @Test
    void everyLocationIsFoundWhateverTheOrderOfTheIds() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + r.nextInt(12);
            java.util.List<String> ids = new java.util.ArrayList<>();
            for (int z = 0; z < n; z++) {
                ids.add("250m:" + (1000 + r.nextInt(40)) + ":" + z);
            }
            if (r.nextBoolean()) {
                java.util.Collections.sort(ids);
                if (r.nextBoolean()) {
                    ids.add(r.nextInt(ids.size() + 1), "250m:0999:99"); // one out of order
                    n++;
                }
            } else {
                java.util.Collections.shuffle(ids, new java.util.Random(r.nextLong()));
            }
            int[] counts = new int[n];
            for (int z = 0; z < n; z++) {
                counts[z] = z + 1;
            }
            EarlyWarningHistory h = new EarlyWarningHistory(ids.toArray(String[]::new), MONDAY.toEpochDay(), 40, counts,
                    new double[n], new boolean[n], new double[n]);
            for (int z = 0; z < n; z++) {
                assertThat(h.count(MONDAY.toEpochDay(), ids.get(z))).isEqualTo(z + 1);
            }
            assertThat(h.count(MONDAY.toEpochDay(), "250m:2000:0")).isEqualTo(-1);
            assertThat(h.withLocation(ids.get(r.nextInt(n)), "W01000001")).isSameAs(h);
        }
    }
}
