package org.ember.fusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ember.fusion.FusionFixtures.CARDIFF;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ember.geo.area.Placement;
import org.ember.geo.fusion.FusionSettings;
import org.ember.model.fusion.LinkedIncident;
import org.ember.model.metrics.AreaMetrics;
import org.junit.jupiter.api.Test;

class EarlyWarningLayerTest {
    private static final String METRIC = "early_warning_score";

    @Test
    void aPlantedClusterAfterWeeksOfQuietScoresItsLsoaAndAuthorityAndZeroElsewhere() {
        FusionSettings settings = FusionSettings.defaults().withHotspots(FusionSettings.defaults().hotspots()
                .withScan(FusionSettings.defaults().hotspots().scan().withReplications(19)));
        LadDriver cardiff = new LadDriver(CARDIFF, settings);
        Random random = new Random(7);
        List<Placement> places = cardiffPlaces(random, 60);
        Placement planted = FusionFixtures.cardiffCentre();
        Instant start = Instant.parse("2025-01-06T00:00:00Z");
        int n = 0;
        int plantDay = 60;
        for (int day = 0; day <= plantDay; day++) {
            for (int k = 0; k < 3 + random.nextInt(3); k++) {
                Instant at = start.plus(Duration.ofDays(day)).plus(Duration.ofMinutes(random.nextInt(24 * 60)));
                cardiff.incident(FusionFixtures.assault("LI-" + n++, at, places.get(random.nextInt(places.size()))));
            }
            if (day == plantDay) {
                for (int k = 0; k < 12; k++) {
                    Instant at = start.plus(Duration.ofDays(day)).plus(Duration.ofHours(20)).plus(Duration.ofMinutes(10 * k));
                    cardiff.incident(FusionFixtures.assault("LI-" + n++, at, planted));
                }
            }
            if (day == 40) {
                cardiff.restart(); // the scores and scanner come back from state, not from task memory
            }
            cardiff.advanceTo(start.plus(Duration.ofDays(day + 1)).toEpochMilli() + 3_600_000L);
        }
        Map<String, Double> before = latest(cardiff, start.plus(Duration.ofDays(plantDay)).toEpochMilli() + 3_600_000L);
        assertThat(before.values()).as("quiet days score below the threshold").allMatch(v -> v < EarlyWarningLayer.THRESHOLD);

        Map<String, Double> after = latest(cardiff, Long.MAX_VALUE);
        assertThat(after.get("lsoa:" + planted.lsoa())).isGreaterThanOrEqualTo(EarlyWarningLayer.THRESHOLD);
        assertThat(after.get("lad:" + CARDIFF)).isEqualTo(after.values().stream().max(Double::compare).orElseThrow())
                .isGreaterThanOrEqualTo(EarlyWarningLayer.THRESHOLD);
        EarlyWarningHistory history = cardiff.state.earlyWarning().get();
        List<String> cluster = new ArrayList<>();
        List<String> touched = new ArrayList<>();
        for (int z = 0; z < history.ids().length; z++) {
            if (history.scores()[z] >= EarlyWarningLayer.THRESHOLD) {
                cluster.add(history.ids()[z]);
            }
            if (history.scores()[z] > 0) {
                touched.add(history.lsoas()[z]);
            }
        }
        assertThat(cluster).as("the scan runs on 250 m cells").contains(planted.cell());
        after.forEach((area, score) -> {
            if (area.startsWith("lsoa:") && !touched.contains(area.substring(5))) {
                assertThat(score).as(area).isZero();
            }
        });
        assertThat(history.daysSeen()).isEqualTo(plantDay + 1);
    }

    /**
     * A record for a day already closed counts in that day of the history at once (as if it had come
     * on time, for every later day's baseline and window), is counted as a late change, and the closed
     * day's score is neither recomputed nor re-published. A cancellation of a closed day's incident
     * takes it out the same way. Restarts in between change nothing (all in state).
     */
    @Test
    void aLateRecordForAClosedDayCountsInTheHistoryAsIfOnTimeAndTheClosedDayIsNotRescored() {
        FusionSettings settings = FusionSettings.defaults().withHotspots(FusionSettings.defaults().hotspots()
                .withScan(FusionSettings.defaults().hotspots().scan().withReplications(19)));
        LadDriver onTime = new LadDriver(CARDIFF, settings);
        LadDriver late = new LadDriver(CARDIFF, settings);
        Random random = new Random(11);
        List<Placement> places = cardiffPlaces(random, 40);
        Instant start = Instant.parse("2025-01-06T00:00:00Z");
        int lateDay = 38;
        int lastDay = 42;
        Placement where = FusionFixtures.cardiffCentre();
        LinkedIncident lateRecord = FusionFixtures.assault("LI-late", start.plus(Duration.ofDays(lateDay)).plus(Duration.ofHours(23)), where);
        int n = 0;
        for (int day = 0; day <= lastDay; day++) {
            for (int k = 0; k < 3 + random.nextInt(3); k++) {
                LinkedIncident e = FusionFixtures.assault("LI-" + n++, start.plus(Duration.ofDays(day))
                        .plus(Duration.ofMinutes(random.nextInt(23 * 60))), places.get(random.nextInt(places.size())));
                onTime.incident(e);
                late.incident(e);
            }
            if (day == lateDay) {
                onTime.incident(lateRecord);
            }
            long closed = start.plus(Duration.ofDays(day + 1)).toEpochMilli() + 3_600_000L;
            onTime.advanceTo(closed);
            late.advanceTo(closed);
            if (day == lateDay) {
                EarlyWarningHistory closedWithout = late.state.earlyWarning().get();
                int metricsBefore = late.out.metrics.size();
                late.restart();
                late.incident(lateRecord); // day 38 closed at 00:00, the record comes at 01:00

                EarlyWarningHistory counted = late.state.earlyWarning().get();
                long epochDay = start.plus(Duration.ofDays(lateDay)).atZone(java.time.ZoneOffset.UTC).toLocalDate().toEpochDay();
                assertThat(counted.count(epochDay, where.cell()))
                        .isEqualTo(Math.max(0, closedWithout.count(epochDay, where.cell())) + 1)
                        .isEqualTo(onTime.state.earlyWarning().get().count(epochDay, where.cell()));
                assertThat(counted.lateChanges()).isEqualTo(1);
                // A cell the history did not hold yet is added with score 0; the others keep theirs.
                assertThat(java.util.Arrays.copyOf(counted.scores(), closedWithout.ids().length))
                        .as("the closed day is not rescored").containsExactly(closedWithout.scores());
                for (int z = closedWithout.ids().length; z < counted.ids().length; z++) {
                    assertThat(counted.scores()[z]).isZero();
                }
                assertThat(late.out.metrics.subList(metricsBefore, late.out.metrics.size()))
                        .as("no early_warning_score published for the closed day")
                        .noneMatch(m -> m.values().containsKey(METRIC));
                late.restart();
            }
        }
        EarlyWarningHistory a = onTime.state.earlyWarning().get();
        EarlyWarningHistory b = late.state.earlyWarning().get();
        assertThat(b.counts()).as("the days after see the late record as if it had come on time").containsExactly(a.counts());
        assertThat(b.daysSeen()).isEqualTo(a.daysSeen()).isEqualTo(lastDay + 1);
        assertThat(b.scores()).as("quiet days: no alert, so the later scores are the same").containsExactly(a.scores());
        assertThat(a.lateChanges()).isZero();
        assertThat(b.lateChanges()).isEqualTo(1);

        // The incident is withdrawn after its day closed: it leaves the history again.
        long epochDay = start.plus(Duration.ofDays(lateDay)).atZone(java.time.ZoneOffset.UTC).toLocalDate().toEpochDay();
        assertThat(b.ids()).containsExactly(a.ids());
        assertThat(b.lsoas()).containsExactly(a.lsoas());
        int withIt = b.count(epochDay, where.cell());
        late.incident(FusionFixtures.incident("LI-late", 2, "cancelled", true, start.plus(Duration.ofDays(lateDay))
                .plus(Duration.ofHours(23)), where, List.of("police"), false, 0, null));
        assertThat(late.state.earlyWarning().get().count(epochDay, where.cell())).isEqualTo(withIt - 1);
        assertThat(late.state.earlyWarning().get().lateChanges()).isEqualTo(2);
    }

    /**
     * The case scanning LSOA centroids dilutes (docs/detection.md "On LSOAs"): a busy LSOA spread over
     * many cells, and an outbreak confined to one of its cells. Scanned per cell, the outbreak stands
     * out against that cell's own small background and the LSOA is alerted; the same days counted per
     * LSOA and scanned over LSOA centroids (the previous stream, at its threshold 11.7) stay below.
     */
    @Test
    void anOutbreakInOneCellOfABusyLargeLsoaAlertsThatLsoa() {
        FusionSettings settings = FusionSettings.defaults().withHotspots(FusionSettings.defaults().hotspots()
                .withScan(FusionSettings.defaults().hotspots().scan().withReplications(19)));
        LadDriver cardiff = new LadDriver(CARDIFF, settings);
        Random random = new Random(23);
        List<Placement> places = cardiffPlaces(random, 400);
        Map<String, java.util.Set<String>> cellsOf = new java.util.TreeMap<>();
        places.forEach(p -> cellsOf.computeIfAbsent(p.lsoa(), k -> new java.util.TreeSet<>()).add(p.cell()));
        String big = cellsOf.entrySet().stream().max(Map.Entry.comparingByValue(java.util.Comparator.comparingInt(java.util.Set::size)))
                .orElseThrow().getKey();
        List<Placement> inBig = places.stream().filter(p -> p.lsoa().equals(big)).toList();
        assertThat(cellsOf.get(big)).as("a large LSOA").hasSizeGreaterThanOrEqualTo(4);
        Placement hot = inBig.get(0);

        var lsoaScan = EarlyWarningLayer.newScanLatLon(FusionFixtures.SHAPES.scanLocations(CARDIFF), 11.7);
        Instant start = Instant.parse("2025-01-06T00:00:00Z");
        int plantDay = 60;
        int n = 0;
        double lsoaTop = 0;
        for (int day = 0; day <= plantDay; day++) {
            Map<String, Integer> perLsoa = new java.util.HashMap<>();
            List<Placement> today = new ArrayList<>();
            for (int k = 0; k < 3 + random.nextInt(3); k++) {
                today.add(places.get(random.nextInt(places.size())));
            }
            for (int k = 0; k < 6 + random.nextInt(3); k++) { // the busy LSOA: its cases spread over its cells
                today.add(inBig.get(random.nextInt(inBig.size())));
            }
            if (day == plantDay) {
                for (int k = 0; k < 10; k++) { // the smallest outbreak of the detection benchmark
                    today.add(hot);
                }
            }
            for (Placement p : today) {
                Instant at = start.plus(Duration.ofDays(day)).plus(Duration.ofMinutes(random.nextInt(23 * 60)));
                cardiff.incident(FusionFixtures.assault("LI-" + n++, at, p));
                perLsoa.merge(p.lsoa(), 1, Integer::sum);
            }
            cardiff.advanceTo(start.plus(Duration.ofDays(day + 1)).toEpochMilli() + 3_600_000L);
            double top = lsoaScan.addDay(start.plus(Duration.ofDays(day)).atZone(java.time.ZoneOffset.UTC).toLocalDate(),
                    perLsoa).topScore();
            if (day == plantDay) {
                lsoaTop = top;
            }
        }
        Map<String, Double> after = latest(cardiff, Long.MAX_VALUE);
        assertThat(after.get("lsoa:" + big)).as("the busy LSOA is alerted").isGreaterThanOrEqualTo(EarlyWarningLayer.THRESHOLD);
        assertThat(after.get("lad:" + CARDIFF)).isGreaterThanOrEqualTo(EarlyWarningLayer.THRESHOLD);
        assertThat(lsoaTop).as("scanned per LSOA, the outbreak is diluted in its LSOA's background").isLessThan(11.7);
    }

    private static List<Placement> cardiffPlaces(Random random, int n) {
        return FusionFixtures.cardiffPlaces(random::nextDouble, n, -3.26, 51.46, 0.14, 0.06);
    }

    /** The latest early_warning_score of each area published at or before {@code until}. */
    private static Map<String, Double> latest(LadDriver driver, long until) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (AreaMetrics m : driver.out.metrics) {
            if (m.asOf() <= until) {
                out.put(m.layer() + ":" + m.areaId(), m.values().getOrDefault(METRIC, 0.0));
            }
        }
        return out;
    }
}
