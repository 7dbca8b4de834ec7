package org.ember.jobs.area;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.ember.jobs.records.RawFeedRecord;

/**
 * Event time of the rule-snapshot stream: none. Rule snapshots are control messages, not events, so
 * the stream declares itself idle for good: the rule evaluator, which joins them with the area
 * metrics, then runs on the metrics' event time alone. (A maximal watermark would not do: when the
 * feeds fall idle, an operator takes its event time from its non-idle inputs, and every timer of
 * the evaluator would fire at once.)
 */
final class RuleSnapshotWatermarks implements WatermarkGenerator<RawFeedRecord> {

    static WatermarkStrategy<RawFeedRecord> strategy() {
        return WatermarkStrategy.forGenerator(context -> new RuleSnapshotWatermarks());
    }

    @Override
    public void onEvent(RawFeedRecord event, long eventTimestamp, WatermarkOutput output) {
        // Snapshots carry no event time.
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.markIdle();
    }
}
