package org.ember.jobs.corrections;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.ember.jobs.records.CountDelta;
import org.ember.model.Incident;
import org.junit.jupiter.api.Test;

class LatestVersionFunctionHarnessTest {
    private static final long FRIDAY_22H = java.time.Instant.parse("2025-03-14T22:00:00Z").toEpochMilli();

    private static Incident version(int version, boolean cancelled) {
        return new Incident("police", "CR-7", version, cancelled, FRIDAY_22H, FRIDAY_22H, "violence", true, null,
                -3.18, 51.48, 318_000, 176_000, true, "W01001694", "W06000015", "250m:1272:704", null, "test");
    }

    @Test
    void aCancellationTakesBackTheCountsAndTheStateExpiresAfterTheLongestWindow() throws Exception {
        LatestVersionFunction function = new LatestVersionFunction();
        try (KeyedOneInputStreamOperatorTestHarness<String, Incident, CountDelta> harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(function, Incident::recordKey,
                        Types.STRING)) {
            harness.open();
            harness.processElement(version(1, false), FRIDAY_22H);
            harness.processElement(version(2, true), FRIDAY_22H + 1);
            harness.processElement(version(1, false), FRIDAY_22H + 2);
            assertThat(harness.extractOutputValues()).as("applied once the clock passes their arrival").isEmpty();
            assertThat(function.waitingArrivals()).as("three arrival times wait in task memory").isEqualTo(3);
            assertThat(harness.numKeyedStateEntries()).as("not in keyed state").isZero();
            harness.processWatermark(FRIDAY_22H + 2);

            assertThat(harness.extractOutputValues()).extracting(CountDelta::delta).containsExactly(1, 1, -1, -1);
            assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
            assertThat(harness.numEventTimeTimers()).isEqualTo(1);

            harness.processWatermark(FRIDAY_22H + Duration.ofDays(8).toMillis());
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
            assertThat(function.waitingArrivals()).as("nothing waits in task memory").isZero();
        }
    }

    @Test
    void versionsArrivingTogetherAreAppliedInVersionOrderWhicheverChannelDeliversFirst() throws Exception {
        java.util.List<java.util.List<CountDelta>> outputs = new java.util.ArrayList<>();
        for (boolean newestFirst : new boolean[] {true, false}) {
            LatestVersionFunction function = new LatestVersionFunction();
            try (KeyedOneInputStreamOperatorTestHarness<String, Incident, CountDelta> harness =
                    ProcessFunctionTestHarnesses.forKeyedProcessFunction(function,
                            Incident::recordKey, Types.STRING)) {
                harness.open();
                if (newestFirst) {
                    harness.processElement(version(2, true), FRIDAY_22H);
                    harness.processElement(version(1, false), FRIDAY_22H);
                } else {
                    harness.processElement(version(1, false), FRIDAY_22H);
                    harness.processElement(version(2, true), FRIDAY_22H);
                }
                harness.processWatermark(FRIDAY_22H);
                outputs.add(harness.extractOutputValues());
                harness.processWatermark(FRIDAY_22H + Duration.ofDays(8).toMillis());
                assertThat(harness.numKeyedStateEntries()).isZero();
                assertThat(harness.numEventTimeTimers()).isZero();
                assertThat(function.waitingArrivals()).as("nothing waits in task memory").isZero();
            }
        }
        assertThat(outputs.get(0)).extracting(CountDelta::delta).containsExactly(1, 1, -1, -1);
        assertThat(outputs.get(1)).isEqualTo(outputs.get(0));
    }

    @Test
    void theEventTimeLagGaugeIsNewestEventTimeMinusWatermark() throws Exception {
        LatestVersionFunction function = new LatestVersionFunction();
        try (KeyedOneInputStreamOperatorTestHarness<String, Incident, CountDelta> harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(function, Incident::recordKey,
                        Types.STRING)) {
            harness.open();
            harness.processWatermark(FRIDAY_22H - Duration.ofMinutes(45).toMillis());
            harness.processElement(version(1, false), FRIDAY_22H);
            assertThat(org.ember.jobs.metrics.JobMetrics.eventTimeLagSeconds().get()).isEqualTo(45 * 60);
        }
    }
}
