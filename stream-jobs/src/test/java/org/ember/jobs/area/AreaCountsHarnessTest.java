package org.ember.jobs.area;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.types.Either;
import org.ember.jobs.records.CountDelta;
import org.ember.jobs.records.RawFeedRecord;
import org.ember.jobs.testing.TestFeeds;
import org.ember.model.Alert;
import org.ember.model.AreaCounts;
import org.ember.model.metrics.AreaMetrics;
import org.ember.rules.counts.HourlyCounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The counts of {@link AreaCountsRulesFunction}, as the separate counts stage's harness test had them;
 * the rules read every count update ({@link #updates}) and one rule on the counts says they act on it.
 */
class AreaCountsHarnessTest {
    private static final long H = HourlyCounts.HOUR;
    private static final Instant FRIDAY_22H = Instant.parse("2025-03-14T22:00:00Z");
    private static final String CARDIFF_LSOA = "W01001694";

    private KeyedBroadcastOperatorTestHarness<String, Either<CountDelta, AreaMetrics>, RawFeedRecord, Alert> harness;
    private AreaCountsRulesFunction function;
    /** The count updates the rules read, in order. */
    private List<AreaMetrics> updates;

    private final io.micrometer.core.instrument.simple.SimpleMeterRegistry meters =
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry();

    @BeforeEach
    void open() throws Exception {
        io.micrometer.core.instrument.Metrics.addRegistry(meters);
        function = new AreaCountsRulesFunction(TestFeeds.settings(TestFeeds.weaponRule(2)));
        updates = new java.util.ArrayList<>();
        function.recordCountUpdates(updates);
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                function, AreaInputs::key, Types.STRING, AreaCountsRulesFunction.RULES_IN_FORCE);
        harness.open();
        // The snapshot side never holds back event time (idle in the job).
        harness.processBroadcastWatermark(Long.MAX_VALUE);
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
        delta(new CountDelta("lsoa", CARDIFF_LSOA, at.toEpochMilli(), feed, "violence", weapon, +1),
                arrival);
        harness.processWatermark(arrival);
    }

    private List<AreaCounts> emitted() {
        var published = harness.getSideOutput(AreaCountsRulesFunction.COUNTS);
        return published == null ? List.of() : published.stream().map(StreamRecord::getValue).toList();
    }

    private List<Alert> alerts() {
        return harness.extractOutputValues();
    }

    private void delta(CountDelta delta, long arrival) throws Exception {
        harness.processElement(Either.Left(delta), arrival);
    }

    private void withdraw(Instant at, String feed, boolean weapon) throws Exception {
        delta(new CountDelta("lsoa", CARDIFF_LSOA, at.toEpochMilli(), feed, "violence", weapon, -1),
                at.toEpochMilli());
        harness.processWatermark(at.toEpochMilli());
    }

    /** No keyed state, no timer and nothing waiting in task memory: the area has drained. */
    private void assertNothingLeft() throws Exception {
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(function.waitingArrivals()).as("nothing waits in task memory").isZero();
    }

    private int keyedStateEntries() {
        return ((org.apache.flink.runtime.state.heap.HeapKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend())
                .numKeyValueStateEntries();
    }

    private double lateSoFar() {
        return meters.counter("ember.records.late").count();
    }

    @Test
    void countsChangeTheMomentTheClockPassesAReportsArrival() throws Exception {
        delta(new CountDelta("lsoa", CARDIFF_LSOA, FRIDAY_22H.toEpochMilli() + 600_000, "police",
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
        assertThat(updates).hasSize(2);
        assertThat(alerts()).as("the rule on the counts fires on the report that tips it").singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo("weapon-reports");
            assertThat(a.state()).isEqualTo(Alert.FIRING);
            assertThat(a.eventTime()).isEqualTo(FRIDAY_22H.plusSeconds(1200).toEpochMilli());
        });
        delta(new CountDelta("lsoa", CARDIFF_LSOA, FRIDAY_22H.toEpochMilli() + 1_300_000, "police",
                "robbery", false, +1, 1_234L), FRIDAY_22H.toEpochMilli() + 1_300_000);
        harness.processWatermark(FRIDAY_22H.toEpochMilli() + 1_300_000);
        assertThat(updates.stream().map(AreaMetrics::appendedAt))
                .as("the update names the Kafka append time of the record that caused it").containsExactly(0L, 0L, 1_234L);
        delta(new CountDelta("lsoa", CARDIFF_LSOA, FRIDAY_22H.toEpochMilli() + 1_300_000, "police",
                "robbery", false, -1, 1_235L), FRIDAY_22H.toEpochMilli() + 1_300_000);
        harness.processWatermark(FRIDAY_22H.toEpochMilli() + 1_300_000);
        assertThat(harness.numEventTimeTimers()).as("one exit per window for the hour's bucket, and the rules' metric expiry")
                .isEqualTo(3 + 1);

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
        assertThat(harness.numEventTimeTimers()).as("only the exits still to come, and the rules' metric expiry").isEqualTo(2 + 1);
    }

    @Test
    void aReportThatHasLeftEveryWindowChangesNothingAndKeepsNothing() throws Exception {
        double lateBefore = lateSoFar();
        report(FRIDAY_22H.plusSeconds(600), FRIDAY_22H.toEpochMilli() + 9 * 24 * H, "police", true);
        assertThat(lateSoFar() - lateBefore).isEqualTo(1);
        assertThat(emitted()).isEmpty();
        assertNothingLeft();
    }

    @Test
    void aCancellationTakesTheReportOutAtOnce() throws Exception {
        report(FRIDAY_22H.plusSeconds(600), "police", true);
        withdraw(FRIDAY_22H.plusSeconds(600), "police", true);
        assertThat(emitted()).extracting(c -> c.count("24h", "any", "weapon")).containsExactly(1L, 0L);
        assertThat(keyedStateEntries()).as("nothing left to count").isZero();
        harness.processWatermark(FRIDAY_22H.toEpochMilli() + 8 * 24 * H);
        assertThat(emitted()).as("the exits find nothing").hasSize(2);
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(function.waitingArrivals()).as("nothing waits in task memory").isZero();
    }

    @Test
    void stateAndTimersAreGoneOnceTheLongestWindowHasPassed() throws Exception {
        report(FRIDAY_22H.plusSeconds(600), "police", false);
        report(FRIDAY_22H.plusSeconds(5 * 3600), "police", false);
        assertThat(keyedStateEntries()).isPositive();
        assertThat(harness.numEventTimeTimers()).isPositive();

        harness.processWatermark(FRIDAY_22H.toEpochMilli() + 8 * 24 * H);

        assertNothingLeft();
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
        assertThat(updates).as("the rules at once, report by report").hasSize(5);
        harness.processWatermark(start + AreaCountKeeper.PUBLICATION_MILLIS - 1);
        assertThat(emitted()).isEmpty();
        harness.processWatermark(start + AreaCountKeeper.PUBLICATION_MILLIS);
        assertThat(emitted()).singleElement().satisfies(c -> {
            assertThat(c.count("1h", "any", "any")).isEqualTo(5);
            assertThat(c.asOf()).as("as of the publication").isEqualTo(start + AreaCountKeeper.PUBLICATION_MILLIS);
        });
        harness.processWatermark(start + 10 * AreaCountKeeper.PUBLICATION_MILLIS);
        assertThat(emitted()).as("no change, no message").hasSize(1);
        assertThat(harness.numEventTimeTimers()).as("the bucket's three exits and the rules' metric expiry only").isEqualTo(3 + 1);
        withdraw(FRIDAY_22H.plusSeconds(600), "police", false);
        harness.processWatermark(FRIDAY_22H.toEpochMilli() + 8 * 24 * H);
        assertThat(emitted().get(emitted().size() - 1).count("7d", "any", "any")).as("the zeros are published").isZero();
        assertNothingLeft();
    }

    @Test
    void aReportLateByArrivalOnAnExitBoundaryIsPublishedAtOnceWithoutApplyingTheExitsTwice() throws Exception {
        report(FRIDAY_22H.plusSeconds(600), "police", false);
        long exit1h = FRIDAY_22H.toEpochMilli() + 2 * H; // the 22:00 bucket leaves the last hour
        harness.processWatermark(exit1h);
        delta(new CountDelta("lsoa", CARDIFF_LSOA, FRIDAY_22H.toEpochMilli() + 900_000, "police",
                "violence", false, +1), exit1h - 60_000); // arrived before the clock, delivered after it
        AreaCounts late = emitted().get(emitted().size() - 1);
        assertThat(late.count("24h", "any", "any")).as("published at once").isEqualTo(2);
        harness.processWatermark(exit1h + AreaCountKeeper.PUBLICATION_MILLIS);
        AreaCounts last = emitted().get(emitted().size() - 1);
        assertThat(last.count("1h", "any", "any")).as("the exit applied once, never below zero").isZero();
        assertThat(last.count("24h", "any", "any")).isEqualTo(2);
        harness.processWatermark(FRIDAY_22H.toEpochMilli() + 9 * 24 * H);
        assertThat(emitted()).allSatisfy(c -> assertThat(c.count("1h", "any", "any")).isNotNegative());
        assertNothingLeft();
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
            delta(new CountDelta("lsoa", CARDIFF_LSOA, FRIDAY_22H.toEpochMilli() + 60_000, "ae",
                    "violence", false, +1, 0L, "ae:B"), FRIDAY_22H.toEpochMilli() + 60_000);
            harness.processWatermark(FRIDAY_22H.toEpochMilli() + 60_000);
            for (CountDelta delta : order) {
                delta(delta, arrival);
            }
            harness.processWatermark(FRIDAY_22H.toEpochMilli() + 9 * 24 * H);
            runs.add(emitted());
            updates.add(this.updates);
            assertNothingLeft();
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

    /** Reopens the harness with one rule on a fusion metric, pending for {@code forClause}. */
    private void openWithTensionRule(String forClause) throws Exception {
        close();
        io.micrometer.core.instrument.Metrics.addRegistry(meters);
        function = new AreaCountsRulesFunction(TestFeeds.settings(TestFeeds.rules("""
                groups:
                  - name: test
                    rules:
                      - name: tense
                        areas: {layer: lsoa}
                        when: tension_score > 0.5
                        for: %s
                        severity: warning
                """.formatted(forClause))));
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                function, AreaInputs::key, Types.STRING, AreaCountsRulesFunction.RULES_IN_FORCE);
        harness.open();
        harness.processBroadcastWatermark(Long.MAX_VALUE);
    }

    private void tension(long arrival, double value) throws Exception {
        harness.processElement(Either.Right(new AreaMetrics("lsoa", CARDIFF_LSOA, arrival, "fusion",
                java.util.Map.of("tension_score", value))), arrival);
    }

    @Test
    void aRuleDeadlineTheRulesNoLongerNeedStaysWhenABucketLeavesAWindowThen() throws Exception {
        openWithTensionRule("2h");
        long t = FRIDAY_22H.toEpochMilli();
        // Pending from 22:00, due at 00:00: the time the 22:00 bucket leaves the 1 h window.
        tension(t, 0.9);
        report(FRIDAY_22H, "police", false);
        assertThat(HourlyCounts.exit(HourlyCounts.hourOf(t), 0)).isEqualTo(t + 2 * H);
        // At 23:00 the rule is no longer pending: its deadline goes, the exit at the same time must not.
        tension(t + H, 0.0);
        harness.processWatermark(t + 2 * H);
        assertThat(emitted().get(emitted().size() - 1)).satisfies(c -> {
            assertThat(c.asOf()).isEqualTo(t + 2 * H);
            assertThat(c.count("1h", "any", "any")).as("the report left the last hour on time").isZero();
            assertThat(c.count("24h", "any", "any")).isEqualTo(1);
        });
        assertThat(alerts()).as("never fired").isEmpty();
        harness.processWatermark(t + 9 * 24 * H);
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(function.waitingArrivals()).isZero();
    }

    @Test
    void aRuleDeadlineTheRulesNoLongerNeedStaysWhenTheCountsArePublishedThen() throws Exception {
        openWithTensionRule("1h");
        long t = FRIDAY_22H.toEpochMilli();
        long due = t + H; // the rule's deadline, and a publication boundary
        tension(t, 0.9);
        harness.processWatermark(t);
        report(FRIDAY_22H.plusSeconds(600), due - 50, "police", false); // published at the boundary after it: due
        assertThat(emitted()).isEmpty();
        tension(due - 20, 0.0); // no longer pending: the deadline goes, the publication at the same time must not
        harness.processWatermark(due - 20);
        harness.processWatermark(due);
        assertThat(emitted()).singleElement().satisfies(c -> {
            assertThat(c.asOf()).isEqualTo(due);
            assertThat(c.count("1h", "any", "any")).isEqualTo(1);
        });
        assertThat(alerts()).as("never fired").isEmpty();
        harness.processWatermark(t + 9 * 24 * H);
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(function.waitingArrivals()).isZero();
    }
}
