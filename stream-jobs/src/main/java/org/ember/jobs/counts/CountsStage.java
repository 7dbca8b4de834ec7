package org.ember.jobs.counts;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.ember.jobs.corrections.LatestVersionFunction;
import org.ember.jobs.records.CountDelta;
import org.ember.model.AreaCounts;
import org.ember.model.Incident;
import org.ember.model.metrics.AreaMetrics;

/** Corrections resolved per partner record, then hourly counts per area (1 h, 24 h, 7 d). */
public final class CountsStage {
    private CountsStage() {}

    /**
     * @param counts  every area's full counts at each hour boundary where they change (for ember.hotspots)
     * @param metrics the same emissions as the rules read them: source "counts", changed counts only
     */
    public record Output(DataStream<AreaCounts> counts, DataStream<AreaMetrics> metrics) {}

    public static Output attach(DataStream<Incident> incidents) {
        DataStream<CountDelta> deltas = incidents
                .keyBy(Incident::recordKey)
                .process(new LatestVersionFunction())
                .uid("latest-version")
                .name("Resolve corrections and cancellations");
        SingleOutputStreamOperator<AreaCounts> counts = deltas
                .keyBy(CountDelta::areaKey)
                .process(new AreaCountsFunction())
                .uid("area-counts")
                .name("Hourly counts per area (1h, 24h, 7d)");
        return new Output(counts, counts.getSideOutput(AreaCountsFunction.METRICS));
    }
}
