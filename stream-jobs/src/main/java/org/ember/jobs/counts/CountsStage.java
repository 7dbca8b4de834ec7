package org.ember.jobs.counts;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.ember.jobs.corrections.LatestVersionFunction;
import org.ember.jobs.records.CountDelta;
import org.ember.model.AreaCounts;
import org.ember.model.Incident;

/** Corrections resolved per partner record, then hourly counts per area (1 h, 24 h, 7 d). */
public final class CountsStage {
    private CountsStage() {}

    public static DataStream<AreaCounts> attach(DataStream<Incident> incidents) {
        DataStream<CountDelta> deltas = incidents
                .keyBy(Incident::recordKey)
                .process(new LatestVersionFunction())
                .uid("latest-version")
                .name("Resolve corrections and cancellations");
        return deltas
                .keyBy(CountDelta::areaKey)
                .process(new AreaCountsFunction())
                .uid("area-counts")
                .name("Hourly counts per area (1h, 24h, 7d)");
    }
}
