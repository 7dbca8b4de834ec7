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

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new AreaCountsFunction(), CountDelta::areaKey, Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void report(Instant at, String feed, boolean weapon) throws Exception {
        harness.processElement(new CountDelta("lsoa", CARDIFF_LSOA, at.toEpochMilli(), feed, "violence", weapon, +1),
                at.toEpochMilli());
    }

    private List<AreaCounts> emitted() {
        return harness.extractOutputValues();
    }

    @Test
    void countsAreEmittedAtTheHourBoundaryOnceTheWatermarkPassesIt() throws Exception {
        report(FRIDAY_22H.plusSeconds(600), "police", true);
        report(FRIDAY_22H.plusSeconds(1200), "ambulance", true);
        harness.processWatermark(FRIDAY_22H.toEpochMilli() + H - 1);
        assertThat(emitted()).isEmpty();

        harness.processWatermark(FRIDAY_22H.toEpochMilli() + H);
        assertThat(emitted()).singleElement().satisfies(c -> {
            assertThat(c.asOf()).isEqualTo(FRIDAY_22H.toEpochMilli() + H);
            assertThat(c.count("1h", "any", "weapon")).isEqualTo(2);
            assertThat(c.count("24h", "police", "violence")).isEqualTo(1);
        });
    }

    @Test
    void aLateReportUpdatesItsHourAndIsEmittedAtTheNextBoundary() throws Exception {
        harness.processWatermark(FRIDAY_22H.toEpochMilli() + 3 * H + 60_000);
        report(FRIDAY_22H.plusSeconds(600), "ae", false);
        harness.processWatermark(FRIDAY_22H.toEpochMilli() + 4 * H);
        assertThat(emitted()).singleElement().satisfies(c -> {
            assertThat(c.asOf()).isEqualTo(FRIDAY_22H.toEpochMilli() + 4 * H);
            assertThat(c.count("1h", "any", "any")).as("the report's hour has left the last hour").isZero();
            assertThat(c.count("24h", "ae", "violence")).isEqualTo(1);
        });
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
        AreaCounts last = emitted().get(emitted().size() - 1);
        assertThat(last.count("7d", "any", "any")).as("the area is cleared on the map").isZero();
        assertThat(emitted()).extracting(AreaCounts::asOf).isSorted();
    }
}
