package org.ember.jobs.corrections;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.ember.jobs.records.CountDelta;
import org.ember.model.Incident;
import org.junit.jupiter.api.Test;

/**
 * A checkpoint of the job version that kept each record's whole latest Incident restores into the
 * compact contributions: a correction after the restore still takes back what the old version counted.
 */
class RestoreFromWholeIncidentsTest {
    private static final long FRIDAY_22H = java.time.Instant.parse("2025-03-14T22:00:00Z").toEpochMilli();

    /** What the previous version kept: the Incident under "latest-version", and its expiry timer. */
    static final class WholeIncidents extends KeyedProcessFunction<String, Incident, CountDelta> {
        private static final long serialVersionUID = 1L;
        private transient ValueState<Incident> latest;

        @Override
        public void open(OpenContext context) {
            latest = getRuntimeContext().getState(new ValueStateDescriptor<>("latest-version", Incident.class));
        }

        @Override
        public void processElement(Incident incident, Context ctx, Collector<CountDelta> out) throws Exception {
            latest.update(incident);
            ctx.timerService().registerEventTimeTimer(incident.eventTime() + LatestVersionFunction.RETENTION.toMillis());
        }
    }

    private static Incident version(int version, boolean cancelled, String category) {
        return new Incident("police", "CR-9", version, cancelled, FRIDAY_22H, FRIDAY_22H, category, true, null,
                -3.18, 51.48, 318_000, 176_000, true, "W01001694", "W06000015", "250m:1272:704", null, "test");
    }

    @Test
    void aCorrectionAfterRestoreTakesBackWhatTheOldVersionCounted() throws Exception {
        OperatorSubtaskState snapshot;
        try (KeyedOneInputStreamOperatorTestHarness<String, Incident, CountDelta> old =
                new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new WholeIncidents()),
                        Incident::recordKey, Types.STRING)) {
            old.open();
            old.processElement(version(1, false, "robbery"), FRIDAY_22H);
            snapshot = old.snapshot(1, 1);
        }
        try (KeyedOneInputStreamOperatorTestHarness<String, Incident, CountDelta> restored =
                new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new LatestVersionFunction()),
                        Incident::recordKey, Types.STRING)) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processElement(version(2, false, "violence"), FRIDAY_22H + 60_000);
            restored.processElement(version(1, false, "public_order"), FRIDAY_22H + 60_000);
            restored.processWatermark(FRIDAY_22H + 60_000);
            assertThat(restored.extractOutputValues()).extracting(CountDelta::category, CountDelta::delta).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("robbery", -1), org.assertj.core.groups.Tuple.tuple("robbery", -1),
                    org.assertj.core.groups.Tuple.tuple("violence", 1), org.assertj.core.groups.Tuple.tuple("violence", 1));
            assertThat(restored.numKeyedStateEntries()).as("moved over: the contribution only").isEqualTo(1);

            restored.processWatermark(FRIDAY_22H + Duration.ofDays(9).toMillis());
            assertThat(restored.numKeyedStateEntries()).isZero();
            assertThat(restored.numEventTimeTimers()).isZero();
        }
    }
}
