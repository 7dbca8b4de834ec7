package org.ember.jobs.alerts;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.ember.jobs.JobSettings;
import org.ember.model.Alert;
import org.ember.model.AreaCounts;

/** The rules, evaluated per area over its counts. */
public final class AlertStage {
    private AlertStage() {}

    public static DataStream<Alert> attach(DataStream<AreaCounts> counts, JobSettings settings) {
        return counts
                .keyBy(c -> c.layer() + ":" + c.areaId())
                .process(new RuleEvaluationFunction(settings))
                .uid("rule-evaluation")
                .name("Evaluate rules");
    }
}
