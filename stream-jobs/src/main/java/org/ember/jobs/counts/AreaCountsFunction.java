package org.ember.jobs.counts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.ember.jobs.metrics.JobMetrics;
import org.ember.jobs.records.CountDelta;
import org.ember.model.AreaCounts;
import org.ember.model.metrics.AreaMetrics;
import org.ember.rules.counts.CountMetrics;
import org.ember.rules.counts.HourlyCounts;

/**
 * Keyed by area: keeps one bucket of counts per event-time hour and emits the area's counts for
 * the 1 h, 24 h and 7 day windows at every hour boundary where they change. A late report is not
 * dropped: it updates its own hour's bucket and the counts are emitted again at the next boundary
 * after the watermark. When every bucket has left the longest window the area's state is cleared.
 *
 * <p>Beside the counts, each emission goes to {@link #METRICS} as the rules read it: only the
 * counts that changed since the previous emission, zeros included (see {@link CountMetrics}).
 */
public final class AreaCountsFunction extends KeyedProcessFunction<String, CountDelta, AreaCounts> {
    private static final long serialVersionUID = 1L;

    /** The count updates for the rules, one per emission. */
    public static final OutputTag<AreaMetrics> METRICS =
            new OutputTag<>("count-metrics", TypeInformation.of(AreaMetrics.class));

    private transient MapState<Long, long[]> buckets;
    private transient ValueState<long[]> lastEmitted;
    private transient JobMetrics.Count late;

    @Override
    public void open(OpenContext context) {
        buckets = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("hourly-buckets", Types.LONG, PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        lastEmitted = getRuntimeContext().getState(
                new ValueStateDescriptor<>("last-emitted", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        late = JobMetrics.of(getRuntimeContext()).lateRecords();
    }

    @Override
    public void processElement(CountDelta delta, Context ctx, Collector<AreaCounts> out) throws Exception {
        long hour = HourlyCounts.hourOf(delta.eventTime());
        long[] bucket = buckets.get(hour);
        if (bucket == null) {
            bucket = HourlyCounts.emptyBucket();
        }
        HourlyCounts.add(bucket, delta.feed(), delta.category(), delta.weapon(), delta.delta());
        buckets.put(hour, bucket);
        long watermark = ctx.timerService().currentWatermark();
        boolean isLate = false;
        for (long changePoint : HourlyCounts.changePoints(hour)) {
            if (changePoint > watermark) {
                ctx.timerService().registerEventTimeTimer(changePoint);
            } else {
                isLate = true;
            }
        }
        if (isLate) {
            late.increment();
            ctx.timerService().registerEventTimeTimer(HourlyCounts.nextBoundaryAfter(watermark));
        }
    }

    @Override
    public void onTimer(long asOf, OnTimerContext ctx, Collector<AreaCounts> out) throws Exception {
        List<Long> expired = new ArrayList<>();
        for (Map.Entry<Long, long[]> entry : buckets.entries()) {
            if (HourlyCounts.expired(entry.getKey(), asOf)) {
                expired.add(entry.getKey());
            }
        }
        for (Long hour : expired) {
            buckets.remove(hour);
        }
        long[] counts = HourlyCounts.windowCounts(buckets.entries(), asOf);
        long[] previous = lastEmitted.value();
        if (previous == null ? !isZero(counts) : !Arrays.equals(previous, counts)) {
            String[] key = ctx.getCurrentKey().split(":", 2);
            out.collect(new AreaCounts(key[0], key[1], asOf, counts));
            ctx.output(METRICS, CountMetrics.update(key[0], key[1], asOf, previous, counts));
        }
        if (buckets.isEmpty()) {
            lastEmitted.clear();
        } else {
            lastEmitted.update(counts);
        }
    }

    private static boolean isZero(long[] counts) {
        for (long c : counts) {
            if (c != 0) {
                return false;
            }
        }
        return true;
    }
}
