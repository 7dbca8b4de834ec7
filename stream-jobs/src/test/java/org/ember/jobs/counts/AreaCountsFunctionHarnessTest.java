package org.ember.jobs.counts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.ember.jobs.records.CountDelta;
import org.ember.model.AreaCounts;
import org.ember.rules.counts.HourlyCounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AreaCountsFunctionHarnessTest {
    private static final long H = HourlyCounts.HOUR;
    private static final Instant FRIDAY_22H = Instant.parse("2025-03-14T22:00:00Z");
    private static final String CARDIFF_LSOA = "W01001694";

    private KeyedOneInputStreamOperatorTestHarness<String, CountDelta, AreaCounts> harness;
    private AreaCountsFunction function;

    private final io.micrometer.core.instrument.simple.SimpleMeterRegistry meters =
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry();

    @BeforeEach
    void open() throws Exception {
        io.micrometer.core.instrument.Metrics.addRegistry(meters);
        function = new AreaCountsFunction();
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                function, CountDelta::areaKey, Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
        io.micrometer.core.instrument.Metrics.removeRegistry(meters);
    }

    /** A report that arrives as it happens, and the clock moving on to its arrival. */
    private void report(Instant at, String feed, boolean weapon) throws Exception {
        report(at, at.toEpochMilli(), feed, weapon);
    }

    private void report(Instant at, long arrival, String feed, boolean weapon) throws Exception {
        harness.processElement(new CountDelta("lsoa", CARDIFF_LSOA, at.toEpochMilli(), feed, "violence", weapon, +1),
                arrival);
        harness.processWatermark(arrival);
    }

    private List<AreaCounts> emitted() {
        return harness.extractOutputValues();
    }

    private void withdraw(Instant at, String feed, boolean weapon) throws Exception {
        harness.processElement(new CountDelta("lsoa", CARDIFF_LSOA, at.toEpochMilli(), feed, "violence", weapon, -1),
                at.toEpochMilli());
        harness.processWatermark(at.toEpochMilli());
    }

    private double lateSoFar() {
        return meters.counter("ember.records.late").count();
    }

    @Test
    void countsChangeTheMomentTheClockPassesAReportsArrival() throws Exception {
        harness.processElement(new CountDelta("lsoa", CARDIFF_LSOA, FRIDAY_22H.toEpochMilli() + 600_000, "police",
                "violence", true, +1), FRIDAY_22H.toEpochMilli() + 600_000);
        assertThat(emitted()).as("waiting for the clock to pass its arrival").isEmpty();
        harness.processWatermark(FRIDAY_22H.toEpochMilli() + 600_000);
        assertThat(emitted()).singleElement().satisfies(c -> {
            assertThat(c.asOf()).isEqualTo(FRIDAY_22H.toEpochMilli() + 600_000);
            assertThat(c.count("1h", "any", "weapon")).isEqualTo(1);
        });
        report(FRIDAY_22H.plusSeconds(1200), "ambulance", true);
        assertThat(emitted()).hasSize(2);
        assertThat(emitted().get(1)).satisfies(c -> {
            assertThat(c.count("1h", "any", "weapon")).isEqualTo(2);
            assertThat(c.count("24h", "police", "violence")).isEqualTo(1);
        });
        assertThat(harness.getSideOutput(AreaCountsFunction.METRICS)).hasSize(2);
        harness.processElement(new CountDelta("lsoa", CARDIFF_LSOA, FRIDAY_22H.toEpochMilli() + 1_300_000, "police",
                "robbery", false, +1, 1_234L), FRIDAY_22H.toEpochMilli() + 1_300_000);
        harness.processWatermark(FRIDAY_22H.toEpochMilli() + 1_300_000);
        assertThat(harness.getSideOutput(AreaCountsFunction.METRICS).stream().map(r -> r.getValue().appendedAt()))
                .as("the update names the Kafka append time of the record that caused it").containsExactly(0L, 0L, 1_234L);
        harness.processElement(new CountDelta("lsoa", CARDIFF_LSOA, FRIDAY_22H.toEpochMilli() + 1_300_000, "police",
                "robbery", false, -1, 1_235L), FRIDAY_22H.toEpochMilli() + 1_300_000);
        harness.processWatermark(FRIDAY_22H.toEpochMilli() + 1_300_000);
        assertThat(harness.numEventTimeTimers()).as("one exit per window for the hour's bucket").isEqualTo(3);

        harness.processWatermark(FRIDAY_22H.toEpochMilli() + 2 * H - 1);
        assertThat(emitted()).as("nothing leaves before the end of its hour plus the window").hasSize(4);
        harness.processWatermark(FRIDAY_22H.toEpochMilli() + 2 * H);
        assertThat(emitted().get(4)).satisfies(c -> {
            assertThat(c.asOf()).isEqualTo(FRIDAY_22H.toEpochMilli() + 2 * H);
            assertThat(c.count("1h", "any", "weapon")).isZero();
            assertThat(c.count("24h", "any", "weapon")).isEqualTo(2);
        });
    }

    @Test
    void aReportArrivingLateEntersOnlyTheWindowsItHasNotLeftAndIsCountedAsLate() throws Exception {
        double lateBefore = lateSoFar();
        report(FRIDAY_22H.plusSeconds(600), FRIDAY_22H.toEpochMilli() + 3 * H + 60_000, "ae", false);
        assertThat(lateSoFar() - lateBefore).isEqualTo(1);
        assertThat(emitted()).singleElement().satisfies(c -> {
            assertThat(c.count("1h", "any", "any")).as("its hour has left the last hour").isZero();
            assertThat(c.count("24h", "ae", "violence")).isEqualTo(1);
        });
        assertThat(harness.numEventTimeTimers()).as("only the exits still to come").isEqualTo(2);
    }

    @Test
    void aReportThatHasLeftEveryWindowChangesNothingAndKeepsNothing() throws Exception {
        double lateBefore = lateSoFar();
        report(FRIDAY_22H.plusSeconds(600), FRIDAY_22H.toEpochMilli() + 9 * 24 * H, "police", true);
        assertThat(lateSoFar() - lateBefore).isEqualTo(1);
        assertThat(emitted()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(function.waitingArrivals()).as("nothing waits in task memory").isZero();
    }

    @Test
    void aCancellationTakesTheReportOutAtOnce() throws Exception {
        report(FRIDAY_22H.plusSeconds(600), "police", true);
        withdraw(FRIDAY_22H.plusSeconds(600), "police", true);
        assertThat(emitted()).extracting(c -> c.count("24h", "any", "weapon")).containsExactly(1L, 0L);
        assertThat(harness.numKeyedStateEntries()).as("nothing left to count").isZero();
        harness.processWatermark(FRIDAY_22H.toEpochMilli() + 8 * 24 * H);
        assertThat(emitted()).as("the exits find nothing").hasSize(2);
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(function.waitingArrivals()).as("nothing waits in task memory").isZero();
    }

    @Test
    void stateAndTimersAreGoneOnceTheLongestWindowHasPassed() throws Exception {
        report(FRIDAY_22H.plusSeconds(600), "police", false);
        report(FRIDAY_22H.plusSeconds(5 * 3600), "police", false);
        assertThat(harness.numKeyedStateEntries()).isPositive();
        assertThat(harness.numEventTimeTimers()).isPositive();

        harness.processWatermark(FRIDAY_22H.toEpochMilli() + 8 * 24 * H);

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(function.waitingArrivals()).as("nothing waits in task memory").isZero();
        AreaCounts last = emitted().get(emitted().size() - 1);
        assertThat(last.count("7d", "any", "any")).as("the area is cleared on the map").isZero();
        assertThat(emitted()).extracting(AreaCounts::asOf).isSorted();
    }

    @Test
    void theMapHearsOfAnAreaAtMostOncePerPublicationPeriodAndTheRulesOfEveryReport() throws Exception {
        long start = FRIDAY_22H.toEpochMilli() + 600_000;
        for (int i = 1; i <= 5; i++) { // five reports 20 ms apart: between two publication boundaries
            report(FRIDAY_22H.plusSeconds(600), start + 20L * i - 10, "police", false);
        }
        assertThat(emitted()).as("nothing before the boundary after the first change").isEmpty();
        assertThat(harness.getSideOutput(AreaCountsFunction.METRICS)).as("the rules at once, report by report").hasSize(5);
        harness.processWatermark(start + AreaCountsFunction.PUBLICATION_MILLIS - 1);
        assertThat(emitted()).isEmpty();
        harness.processWatermark(start + AreaCountsFunction.PUBLICATION_MILLIS);
        assertThat(emitted()).singleElement().satisfies(c -> {
            assertThat(c.count("1h", "any", "any")).isEqualTo(5);
            assertThat(c.asOf()).as("as of the publication").isEqualTo(start + AreaCountsFunction.PUBLICATION_MILLIS);
        });
        harness.processWatermark(start + 10 * AreaCountsFunction.PUBLICATION_MILLIS);
        assertThat(emitted()).as("no change, no message").hasSize(1);
        assertThat(harness.numEventTimeTimers()).as("the bucket's three exits only").isEqualTo(3);
        withdraw(FRIDAY_22H.plusSeconds(600), "police", false);
        harness.processWatermark(FRIDAY_22H.toEpochMilli() + 8 * 24 * H);
        assertThat(emitted().get(emitted().size() - 1).count("7d", "any", "any")).as("the zeros are published").isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(function.waitingArrivals()).as("nothing waits in task memory").isZero();
    }

    @Test
    void aReportLateByArrivalOnAnExitBoundaryIsPublishedAtOnceWithoutApplyingTheExitsTwice() throws Exception {
        report(FRIDAY_22H.plusSeconds(600), "police", false);
        long exit1h = FRIDAY_22H.toEpochMilli() + 2 * H; // the 22:00 bucket leaves the last hour
        harness.processWatermark(exit1h);
        harness.processElement(new CountDelta("lsoa", CARDIFF_LSOA, FRIDAY_22H.toEpochMilli() + 900_000, "police",
                "violence", false, +1), exit1h - 60_000); // arrived before the clock, delivered after it
        AreaCounts late = emitted().get(emitted().size() - 1);
        assertThat(late.count("24h", "any", "any")).as("published at once").isEqualTo(2);
        harness.processWatermark(exit1h + AreaCountsFunction.PUBLICATION_MILLIS);
        AreaCounts last = emitted().get(emitted().size() - 1);
        assertThat(last.count("1h", "any", "any")).as("the exit applied once, never below zero").isZero();
        assertThat(last.count("24h", "any", "any")).isEqualTo(2);
        harness.processWatermark(FRIDAY_22H.toEpochMilli() + 9 * 24 * H);
        assertThat(emitted()).allSatisfy(c -> assertThat(c.count("1h", "any", "any")).isNotNegative());
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(function.waitingArrivals()).as("nothing waits in task memory").isZero();
    }

    @Test
    void reportsArrivingTogetherGiveTheSameCountsWhicheverChannelDeliversFirst() throws Exception {
        long arrival = FRIDAY_22H.toEpochMilli() + 2 * H; // also the 1 h exit of the 22:00 bucket
        CountDelta early = new CountDelta("lsoa", CARDIFF_LSOA, FRIDAY_22H.toEpochMilli() - 30 * 60_000, "police",
                "violence", true, +1, 1L, "police:A");
        CountDelta correctionOut = new CountDelta("lsoa", CARDIFF_LSOA, FRIDAY_22H.toEpochMilli() + 60_000, "ae",
                "violence", false, -1, 2L, "ae:B");
        CountDelta correctionIn = new CountDelta("lsoa", CARDIFF_LSOA, FRIDAY_22H.toEpochMilli() + 90_000, "ae",
                "violence", true, +1, 2L, "ae:B");
        CountDelta other = new CountDelta("lsoa", CARDIFF_LSOA, FRIDAY_22H.toEpochMilli() + 120_000, "police",
                "violence", false, +1, 3L, "police:C");
        java.util.List<java.util.List<AreaCounts>> runs = new java.util.ArrayList<>();
        java.util.List<java.util.List<org.ember.model.metrics.AreaMetrics>> updates = new java.util.ArrayList<>();
        for (java.util.List<CountDelta> order : java.util.List.of(
                java.util.List.of(early, correctionOut, correctionIn, other),
                java.util.List.of(other, correctionOut, early, correctionIn))) {
            close();
            open();
            harness.processElement(new CountDelta("lsoa", CARDIFF_LSOA, FRIDAY_22H.toEpochMilli() + 60_000, "ae",
                    "violence", false, +1, 0L, "ae:B"), FRIDAY_22H.toEpochMilli() + 60_000);
            harness.processWatermark(FRIDAY_22H.toEpochMilli() + 60_000);
            for (CountDelta delta : order) {
                harness.processElement(delta, arrival);
            }
            harness.processWatermark(FRIDAY_22H.toEpochMilli() + 9 * 24 * H);
            runs.add(emitted());
            updates.add(harness.getSideOutput(AreaCountsFunction.METRICS).stream().map(r -> r.getValue()).toList());
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
            assertThat(function.waitingArrivals()).as("nothing waits in task memory").isZero();
        }
        assertThat(runs.get(0)).hasSizeGreaterThan(4);
        assertThat(runs.get(1)).isEqualTo(runs.get(0));
        assertThat(runs.get(0).stream().mapToLong(c -> c.count("24h", "any", "any")).min().orElseThrow())
                .as("a correction is never split: no count goes below zero").isNotNegative();
        assertThat(updates.get(0)).as("the rules hear of every change: the first, four at once, then exits")
                .hasSizeGreaterThan(runs.get(0).size());
        assertThat(updates.get(1)).isEqualTo(updates.get(0));
        assertThat(updates.get(0).stream().flatMap(u -> u.values().values().stream()).mapToDouble(Double::doubleValue)
                .min().orElseThrow()).as("not even for the rules, report by report").isNotNegative();
    }
}
