package org.ember.jobs.counts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.util.Collector;
import org.ember.jobs.records.CountDelta;
import org.ember.model.AreaCounts;
import org.ember.rules.counts.HourlyCounts;
import org.junit.jupiter.api.Test;

/**
 * A checkpoint of the job version that kept only hourly buckets (and emitted at hour boundaries)
 * restores into the event-driven counts: the running sums are rebuilt from the buckets.
 */
class RestoreFromBucketsOnlyTest {
    private static final long H = HourlyCounts.HOUR;
    private static final long FRIDAY_22H = Instant.parse("2025-03-14T22:00:00Z").toEpochMilli();

    /** What the previous version kept: the buckets under the same name, and its hour-boundary timers. */
    static final class BucketsOnly extends KeyedProcessFunction<String, CountDelta, AreaCounts> {
        private static final long serialVersionUID = 1L;
        private transient MapState<Long, long[]> buckets;

        @Override
        public void open(OpenContext context) {
            buckets = getRuntimeContext().getMapState(new MapStateDescriptor<>("hourly-buckets", Types.LONG,
                    PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        }

        @Override
        public void processElement(CountDelta delta, Context ctx, Collector<AreaCounts> out) throws Exception {
            long hour = HourlyCounts.hourOf(delta.eventTime());
            long[] bucket = buckets.get(hour);
            bucket = bucket == null ? HourlyCounts.emptyBucket() : bucket;
            HourlyCounts.add(bucket, delta.feed(), delta.category(), delta.weapon(), delta.delta());
            buckets.put(hour, bucket);
            HourlyCounts.changePoints(hour).forEach(ctx.timerService()::registerEventTimeTimer);
        }
    }

    private static CountDelta knife(long at) {
        return new CountDelta("lsoa", "W01001694", at, "police", "violence", true, +1);
    }

    @Test
    void runningCountsAreRebuiltFromTheBucketsOfAnOldCheckpoint() throws Exception {
        OperatorSubtaskState snapshot;
        try (KeyedOneInputStreamOperatorTestHarness<String, CountDelta, AreaCounts> old =
                new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new BucketsOnly()),
                        CountDelta::areaKey, Types.STRING)) {
            old.open();
            old.processElement(knife(FRIDAY_22H + 300_000), FRIDAY_22H + 300_000);
            old.processElement(knife(FRIDAY_22H + 3 * H), FRIDAY_22H + 3 * H);
            old.processWatermark(FRIDAY_22H + 3 * H + 1);
            snapshot = old.snapshot(1, 1);
        }
        try (KeyedOneInputStreamOperatorTestHarness<String, CountDelta, AreaCounts> restored =
                new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new AreaCountsFunction()),
                        CountDelta::areaKey, Types.STRING)) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processWatermark(FRIDAY_22H + 3 * H + 1);
            restored.processElement(knife(FRIDAY_22H + 3 * H + 600_000), FRIDAY_22H + 3 * H + 600_000);
            restored.processWatermark(FRIDAY_22H + 3 * H + 600_000);
            AreaCounts now = restored.extractOutputValues().get(0);
            assertThat(now.count("24h", "any", "weapon")).as("two restored reports and the new one").isEqualTo(3);
            assertThat(now.count("1h", "any", "weapon")).as("22:05 had left the last hour").isEqualTo(2);

            restored.processWatermark(FRIDAY_22H + 9 * 24 * H);
            AreaCounts last = restored.extractOutputValues().get(restored.extractOutputValues().size() - 1);
            assertThat(last.counts()).as("every exit applied once: back to zero, never below").containsOnly(0L);
            assertThat(restored.extractOutputValues()).allSatisfy(c -> assertThat(java.util.Arrays.stream(c.counts()).min().orElse(0)).isNotNegative());
            assertThat(restored.numKeyedStateEntries()).isZero();
            assertThat(restored.numEventTimeTimers()).isZero();
        }
    }
}
