package org.ember.geo.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EarlyWarningScanTest {
    private static final LocalDate DAY0 = LocalDate.of(2025, 1, 1);

    /** A 20 x 20 grid of 250 m cells (km coordinates). */
    private static List<ScanLocation> grid() {
        List<ScanLocation> cells = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < 20; j++) {
                cells.add(new ScanLocation("c" + i + "_" + j, 0.125 + 0.25 * i, 0.125 + 0.25 * j));
            }
        }
        return cells;
    }

    private static Map<String, Integer> background(SplittableRandom r, List<ScanLocation> cells) {
        Map<String, Integer> day = new HashMap<>();
        for (int k = 0; k < 40; k++) {
            day.merge(cells.get(r.nextInt(cells.size())).id(), 1, Integer::sum);
        }
        return day;
    }

    @Test
    void aPlantedOutbreakAlertsOnItsFirstDayAndQuietDaysDoNot() {
        List<ScanLocation> cells = grid();
        EarlyWarningScan scan = new EarlyWarningScan(cells, CoordinateSystem.CARTESIAN,
                new EarlyWarningSettings(0.6, 7, 2, 16, 120, 4, 14, 2));
        SplittableRandom r = new SplittableRandom(1);
        int quietAlerts = 0;
        for (int d = 0; d < 150; d++) {
            quietAlerts += scan.addDay(DAY0.plusDays(d), background(r, cells)).alerts().size();
        }
        assertThat(quietAlerts).isLessThanOrEqualTo(1);
        Map<String, Integer> outbreak = background(r, cells);
        for (String id : List.of("c5_5", "c5_6", "c6_5")) {
            outbreak.merge(id, 4, Integer::sum);
        }
        EarlyWarningScan.Day day = scan.addDay(DAY0.plusDays(150), outbreak);
        assertThat(day.alerts()).isNotEmpty();
        assertThat(day.alerts().get(0).cells()).contains("c5_5", "c5_6", "c6_5");
        assertThat(day.alerts().get(0).start()).isEqualTo(DAY0.plusDays(150));
        assertThat(day.cellScores().get("c5_5")).isEqualTo(day.topScore());
    }

    @Test
    void aPermanentRiseAlertsOnceThenIsAbsorbed() {
        List<ScanLocation> cells = grid();
        EarlyWarningScan scan = new EarlyWarningScan(cells, CoordinateSystem.CARTESIAN,
                new EarlyWarningSettings(0.6, 7, 2, 12, 120, 4, 14, 2));
        SplittableRandom r = new SplittableRandom(2);
        for (int d = 0; d < 150; d++) {
            scan.addDay(DAY0.plusDays(d), background(r, cells));
        }
        int alertDays = 0;
        int first = -1;
        for (int d = 150; d < 330; d++) {
            Map<String, Integer> today = background(r, cells);
            today.merge("c10_10", 3, Integer::sum); // a new venue: 3 more a day from now on
            boolean hit = scan.addDay(DAY0.plusDays(d), today).alerts().stream()
                    .anyMatch(c -> c.cells().contains("c10_10"));
            if (hit) {
                alertDays++;
                first = first < 0 ? d : first;
            }
        }
        assertThat(first).as("alerted within 3 days").isBetween(150, 152);
        assertThat(alertDays).isEqualTo(1);
    }

    @Test
    void refusesGapsAndUnknownCells() {
        EarlyWarningScan scan = new EarlyWarningScan(grid(), CoordinateSystem.CARTESIAN,
                EarlyWarningSettings.defaults(10));
        scan.addDay(DAY0, Map.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> scan.addDay(DAY0.plusDays(2), Map.of()))
                .hasMessageContaining("expected");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> scan.addDay(DAY0.plusDays(1), Map.of("zz", 1)))
                .hasMessageContaining("unknown location zz");
    }

    @Test
    void asRecordsArriveAClusterAlertsBeforeItsDayIsOverAndIsNotAlertedAgainAtTheClose() {
        List<ScanLocation> cells = grid();
        EarlyWarningScan scan = new EarlyWarningScan(cells, CoordinateSystem.CARTESIAN,
                new EarlyWarningSettings(0.6, 7, 2, 16, 120, 4, 14, 2));
        EarlyWarningScan twin = new EarlyWarningScan(cells, CoordinateSystem.CARTESIAN,
                new EarlyWarningSettings(0.6, 7, 2, 16, 120, 4, 14, 2));
        SplittableRandom r = new SplittableRandom(3);
        for (int d = 0; d < 150; d++) {
            Map<String, Integer> day = background(r, cells);
            scan.addDay(DAY0.plusDays(d), day);
            twin.addDay(DAY0.plusDays(d), day);
        }
        LocalDate today = DAY0.plusDays(150);
        // By 06:00 (a quarter of the day): a quarter of the background and 6 cases in three cells.
        Map<String, Integer> morning = new HashMap<>();
        for (int k = 0; k < 10; k++) {
            morning.merge(cells.get(r.nextInt(cells.size())).id(), 1, Integer::sum);
        }
        for (String id : List.of("c5_5", "c5_6", "c6_5")) {
            morning.merge(id, 2, Integer::sum);
        }
        EarlyWarningScan.Day early = scan.update(today, morning, 0.25);
        assertThat(early.alerts()).as("six cases where a quarter day expects ~0.08").isNotEmpty();
        assertThat(early.alerts().get(0).cells()).contains("c5_5", "c5_6", "c6_5");
        // The rest of the day: the background and 4 more cases in the same cells. Against the day's
        // baseline alone they would alert again (10 cases where ~0.3 are expected scores ~25 > 16);
        // the excess absorbed in the morning asks twice the threshold of them.
        Map<String, Integer> evening = new HashMap<>(morning);
        for (int k = 0; k < 30; k++) {
            evening.merge(cells.get(r.nextInt(cells.size())).id(), 1, Integer::sum);
        }
        for (String id : List.of("c5_5", "c5_6", "c6_5", "c5_5")) {
            evening.merge(id, 1, Integer::sum);
        }
        EarlyWarningScan.Day closed = scan.update(today, evening, 1);
        assertThat(closed.alerts()).noneMatch(c -> c.cells().contains("c5_5"));
        assertThat(twin.addDay(today, evening).alerts()).as("a scanner that did not look in the morning")
                .anyMatch(c -> c.cells().contains("c5_5"));
        // The day is closed: the next call must be the next day.
        assertThatThrownBy(() -> scan.update(today, evening, 1)).hasMessageContaining("expected");
        scan.update(today.plusDays(1), Map.of(), 0.5);
        assertThatThrownBy(() -> scan.update(today.plusDays(2), Map.of(), 0.5)).hasMessageContaining("still open");
        assertThatThrownBy(() -> scan.update(today.plusDays(1), Map.of(), 0)).hasMessageContaining("fraction");
    }

    @Test
    void theSameMorningCasesScoredAgainstAWholeDayDoNotAlert() {
        // The partial-day scaling is what lets a look before the day's end alert: the same cases
        // against a whole day's expectation stay below the threshold.
        List<ScanLocation> cells = grid();
        EarlyWarningScan scan = new EarlyWarningScan(cells, CoordinateSystem.CARTESIAN,
                new EarlyWarningSettings(0.6, 7, 2, 16, 120, 4, 14, 2));
        SplittableRandom r = new SplittableRandom(3);
        for (int d = 0; d < 150; d++) {
            scan.addDay(DAY0.plusDays(d), background(r, cells));
        }
        Map<String, Integer> day = new HashMap<>();
        for (int k = 0; k < 10; k++) {
            day.merge(cells.get(r.nextInt(cells.size())).id(), 1, Integer::sum);
        }
        for (String id : List.of("c5_5", "c5_6", "c6_5")) {
            day.merge(id, 2, Integer::sum);
        }
        assertThat(scan.addDay(DAY0.plusDays(150), day).alerts()).isEmpty();
    }

    @Test
    void theConditionalScoreDiscountsABaselineEstimatedFromFewPastCases() {
        double known = 4 * Math.log(4 / 0.04) - (4 - 0.04);
        double fromTwo = EarlyWarningScan.conditionalScore(4, 0.04, 2);
        double fromTwoHundred = EarlyWarningScan.conditionalScore(4, 0.04, 200);
        assertThat(fromTwo).isLessThan(fromTwoHundred).isLessThan(known - 2);
        assertThat(fromTwoHundred).isLessThan(known);
        assertThat(EarlyWarningScan.conditionalScore(12, 2, 1e9)).isCloseTo(12 * Math.log(6) - 10, within(1e-4));
        assertThat(EarlyWarningScan.conditionalScore(2, 2, 100)).isZero();
    }

    @Test
    void conditionalScoringSilencesACellWithoutHistoryButNotAClusterWhereCasesAreUsual() {
        double cornerKnown = topScoreOf("c0_0", false, "c0_0", 4);
        double cornerConditional = topScoreOf("c0_0", true, "c0_0", 4);
        double busyKnown = topScoreOf("c10_10", false, "c10_10", 14);
        double busyConditional = topScoreOf("c10_10", true, "c10_10", 14);
        assertThat(cornerKnown).as("4 cases in a cell that never had one").isGreaterThan(busyKnown);
        // The corner's baseline rests on the one pseudo-case of its prior: 4 cases there are a weaker
        // surprise once that uncertainty counts (C ln(C/E′) + H ln(H/(C + H − E′)) with H ≈ 1 is about
        // 4 lower); c10_10's baseline rests on ~300 past cases, so its score hardly moves.
        assertThat(cornerConditional).isLessThan(cornerKnown - 3);
        assertThat(busyConditional).isGreaterThan(busyKnown * 0.9).isLessThanOrEqualTo(busyKnown);
    }

    /**
     * The top score covering {@code cell} on day 150 (0 if the top cluster misses it) after 150 days of
     * background in which c0_0 never had a case and c10_10 had 2 more a day, with {@code extra}
     * cases at {@code where} on day 150. Threshold out of reach: only the top cluster is reported.
     */
    private static double topScoreOf(String cell, boolean conditional, String where, int extra) {
        List<ScanLocation> cells = grid();
        EarlyWarningScan scan = new EarlyWarningScan(cells, CoordinateSystem.CARTESIAN,
                new EarlyWarningSettings(0.6, 7, 2, 1e9, 120, 4, 14, 2, conditional));
        SplittableRandom r = new SplittableRandom(4);
        EarlyWarningScan.Day last = null;
        for (int d = 0; d <= 150; d++) {
            Map<String, Integer> day = background(r, cells);
            day.remove("c0_0");
            day.merge("c10_10", 2, Integer::sum);
            if (d == 150) {
                day.merge(where, extra, Integer::sum);
            }
            last = scan.addDay(DAY0.plusDays(d), day);
        }
        return last.cellScores().getOrDefault(cell, 0.0);
    }
    @Test
    void aRestoredSnapshotCarriesOnExactlyAsTheScannerItWasTakenFrom() {
        List<ScanLocation> cells = grid();
        EarlyWarningSettings settings = new EarlyWarningSettings(0.6, 7, 2, 12, 60, 4, 14, 2);
        EarlyWarningScan kept = new EarlyWarningScan(cells, CoordinateSystem.CARTESIAN, settings);
        SplittableRandom r = new SplittableRandom(3);
        List<Map<String, Integer>> days = new ArrayList<>();
        for (int d = 0; d < 120; d++) {
            Map<String, Integer> today = background(r, cells);
            if (d >= 80) {
                today.merge("c10_10", 3, Integer::sum); // absorbed excess must survive the restore
            }
            days.add(today);
        }
        EarlyWarningScan.Snapshot snapshot = null;
        for (int d = 0; d < 100; d++) {
            kept.addDay(DAY0.plusDays(d), days.get(d));
            if (d == 89) {
                snapshot = kept.snapshot();
            }
        }
        EarlyWarningScan restored = EarlyWarningScan.restore(cells, CoordinateSystem.CARTESIAN, settings, snapshot);
        assertThat(restored.lastDay()).isEqualTo(DAY0.plusDays(89));
        for (int d = 90; d < 100; d++) {
            restored.addDay(DAY0.plusDays(d), days.get(d));
        }
        assertThat(restored.snapshot().excess()).containsExactly(kept.snapshot().excess());
        for (int d = 100; d < 120; d++) {
            assertThat(restored.addDay(DAY0.plusDays(d), days.get(d))).isEqualTo(kept.addDay(DAY0.plusDays(d), days.get(d)));
        }
    }

    /**
     * Ending each centre's walk at its last cell with a case in the window (and not walking centres
     * with none) scores every day as walking every circle to its radius: sparse days on a grid with
     * gaps, planted outbreaks, both scores, days scanned before they close.
     */
    @Test
    void endingEachWalkAtItsLastCasedCellScoresAsWalkingEveryStep() {
        int clusters = 0;
        for (long seed = 1; seed <= 4; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            List<ScanLocation> cells = new ArrayList<>();
            for (ScanLocation c : grid()) {
                if (r.nextInt(4) != 0) {
                    cells.add(c);
                }
            }
            EarlyWarningSettings settings = new EarlyWarningSettings(0.6, 7, 2, 12, 60, 4, 14, 2, seed % 2 == 0);
            EarlyWarningScan fast = new EarlyWarningScan(cells, CoordinateSystem.CARTESIAN, settings);
            EarlyWarningScan reference = new EarlyWarningScan(cells, CoordinateSystem.CARTESIAN, settings, true);
            for (int d = 0; d < 110; d++) {
                Map<String, Integer> today = new HashMap<>();
                int cases = r.nextInt(12);
                for (int k = 0; k < cases; k++) {
                    today.merge(cells.get(r.nextInt(cells.size())).id(), 1, Integer::sum);
                }
                if (d > 60 && r.nextInt(5) == 0) {
                    today.merge(cells.get(r.nextInt(cells.size())).id(), 2 + r.nextInt(4), Integer::sum);
                }
                if (r.nextInt(4) == 0) {
                    Map<String, Integer> morning = new HashMap<>(today);
                    morning.keySet().removeIf(k -> r.nextBoolean());
                    assertThat(fast.update(DAY0.plusDays(d), morning, 0.5))
                            .isEqualTo(reference.update(DAY0.plusDays(d), morning, 0.5));
                }
                EarlyWarningScan.Day expected = reference.addDay(DAY0.plusDays(d), today);
                assertThat(fast.addDay(DAY0.plusDays(d), today)).as("seed %d day %d", seed, d).isEqualTo(expected);
                clusters += expected.clusters().size();
            }
        }
        assertThat(clusters).isGreaterThan(100);
    }

    /**
     * A scanner restored from its flat {@link EarlyWarningScan.Held} form, over the next night's
     * cells (some gone, some new), with its neighbour index derived from the night before's, carries
     * on as one restored from a {@link EarlyWarningScan.Snapshot} with a fresh index.
     */
    @Test
    void aScannerRestoredFromItsHeldFormWithLastNightsNeighboursIsTheRestoredSnapshot() {
        List<ScanLocation> all = grid();
        SplittableRandom r = new SplittableRandom(9);
        List<ScanLocation> before = new ArrayList<>();
        List<ScanLocation> after = new ArrayList<>();
        for (ScanLocation c : all) {
            int k = r.nextInt(6);
            if (k != 0) {
                before.add(c);
            }
            if (k != 1) {
                after.add(c);
            }
        }
        EarlyWarningSettings settings = new EarlyWarningSettings(0.6, 7, 2, 12, 60, 4, 14, 2);
        EarlyWarningScan kept = new EarlyWarningScan(before, CoordinateSystem.CARTESIAN, settings);
        List<Map<String, Integer>> days = new ArrayList<>();
        for (int d = 0; d < 120; d++) {
            Map<String, Integer> today = new HashMap<>();
            for (int k = 0; k < 30; k++) {
                today.merge(all.get(r.nextInt(all.size())).id(), 1, Integer::sum);
            }
            if (d >= 80) {
                today.merge("c10_10", 3, Integer::sum);
            }
            days.add(today);
        }
        for (int d = 0; d < 90; d++) {
            Map<String, Integer> today = new HashMap<>(days.get(d));
            today.keySet().retainAll(before.stream().map(ScanLocation::id).toList());
            kept.addDay(DAY0.plusDays(d), today);
        }
        EarlyWarningScan.Held held = kept.held();
        EarlyWarningScan.Snapshot snapshot = kept.snapshot();
        assertThat(held.counts().length).isEqualTo(snapshot.countsByBack().length * before.size());
        EarlyWarningScan fromSnapshot = EarlyWarningScan.restore(after, CoordinateSystem.CARTESIAN, settings, snapshot);
        EarlyWarningScan fromHeld = EarlyWarningScan.restore(after, CoordinateSystem.CARTESIAN, settings, held,
                kept.neighbourIndex());
        assertThat(fromHeld.held().counts()).isEqualTo(fromSnapshot.held().counts());
        for (int d = 90; d < 120; d++) {
            Map<String, Integer> today = new HashMap<>(days.get(d));
            today.keySet().retainAll(after.stream().map(ScanLocation::id).toList());
            assertThat(fromHeld.addDay(DAY0.plusDays(d), today)).isEqualTo(fromSnapshot.addDay(DAY0.plusDays(d), today));
        }
        assertThat(fromHeld.snapshot().excess()).containsExactly(fromSnapshot.snapshot().excess());
    }

    /**
     * A scanner kept from night to night whose cells change every night ({@link EarlyWarningScan#withLocations}:
     * cells with no count left dropped, a few new ones, now and then many, and now and then a cell
     * with counts dropped too) is, bit for bit, the scanner restored from the night before's held
     * state over the same cells with a fresh neighbour index: the same held state, the same
     * neighbours, and the same clusters and scores on the next day. Random histories with bursts
     * that alert and are absorbed, over more days than the ring holds.
     */
    @Test
    void aScannerGivenNewCellsIsTheScannerRestoredOverThem() {
        List<ScanLocation> all = new ArrayList<>(grid());
        all.sort(java.util.Comparator.comparing(ScanLocation::id));
        EarlyWarningSettings settings = new EarlyWarningSettings(0.6, 7, 2, 12, 60, 4, 14, 2);
        int alerts = 0;
        int changedNights = 0;
        for (long seed = 1; seed <= 2; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            List<ScanLocation> cells = new ArrayList<>();
            for (ScanLocation c : all) {
                if (r.nextInt(8) == 0) {
                    cells.add(c);
                }
            }
            EarlyWarningScan grown = new EarlyWarningScan(cells, CoordinateSystem.CARTESIAN, settings);
            for (int d = 0; d < 160; d++) {
                if (d > 0) {
                    java.util.Set<String> next = new java.util.HashSet<>();
                    for (int z = 0; z < cells.size(); z++) {
                        if (grown.heldCases(z) > 0 && r.nextInt(40) != 0) {
                            next.add(cells.get(z).id());
                        }
                    }
                    int fresh = r.nextInt(10) == 0 ? 40 : r.nextInt(4);
                    for (int k = 0; k < fresh; k++) {
                        next.add(all.get(r.nextInt(all.size())).id());
                    }
                    List<ScanLocation> nextCells = all.stream().filter(c -> next.contains(c.id())).toList();
                    EarlyWarningScan.Held held = grown.held();
                    EarlyWarningScan restored = EarlyWarningScan.restore(nextCells, CoordinateSystem.CARTESIAN,
                            settings, held, null);
                    if (!nextCells.equals(cells)) {
                        changedNights++;
                    }
                    EarlyWarningScan spent = grown;
                    grown = grown.withLocations(nextCells);
                    assertThatThrownBy(spent::held).isInstanceOf(IllegalStateException.class);
                    cells = nextCells;
                    assertSameScanner(grown, restored, cells.size());
                    Map<String, Integer> today = today(r, cells, d);
                    EarlyWarningScan.Day day = restored.addDay(DAY0.plusDays(d), today);
                    assertThat(grown.addDay(DAY0.plusDays(d), today)).as("seed %d day %d", seed, d).isEqualTo(day);
                    alerts += day.alerts().size();
                } else {
                    grown.addDay(DAY0.plusDays(d), today(r, cells, d));
                }
            }
        }
        assertThat(alerts).isGreaterThan(5);
        assertThat(changedNights).isGreaterThan(250);
    }

    private static Map<String, Integer> today(SplittableRandom r, List<ScanLocation> cells, int d) {
        Map<String, Integer> today = new HashMap<>();
        int cases = r.nextInt(Math.max(1, cells.size() / 3));
        for (int k = 0; k < cases; k++) {
            today.merge(cells.get(r.nextInt(cells.size())).id(), 1, Integer::sum);
        }
        if (d > 60 && r.nextInt(6) == 0) {
            today.merge(cells.get(r.nextInt(cells.size())).id(), 3 + r.nextInt(4), Integer::sum);
        }
        return today;
    }

    private static void assertSameScanner(EarlyWarningScan a, EarlyWarningScan b, int locations) {
        EarlyWarningScan.Held x = a.held();
        EarlyWarningScan.Held y = b.held();
        assertThat(x.ids()).containsExactly(y.ids());
        assertThat(x.lastDay()).isEqualTo(y.lastDay());
        assertThat(x.daysSeen()).isEqualTo(y.daysSeen());
        assertThat(x.counts()).containsExactly(y.counts());
        assertThat(x.excess()).containsExactly(y.excess());
        assertThat(x.alerted()).containsExactly(y.alerted());
        for (int z = 0; z < locations; z++) {
            boolean same = a.heldCases(z) == b.heldCases(z)
                    && java.util.Arrays.equals(a.neighbourIndex().order(z), b.neighbourIndex().order(z))
                    && java.util.Arrays.equals(a.neighbourIndex().distances(z), b.neighbourIndex().distances(z));
            assertThat(same).as("location %d: cases and neighbours", z).isTrue();
        }
    }
}
