package org.ember.jobs.alerts;

import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.ember.jobs.JobSettings;
import org.ember.jobs.JobSources;
import org.ember.jobs.records.RawFeedRecord;
import org.ember.model.Alert;
import org.ember.model.Topics;
import org.ember.model.metrics.AreaMetrics;
import org.ember.rules.snapshot.RuleEvent;

/**
 * The rules, evaluated per area over its metrics. Rule sets arrive as snapshots on
 * {@code ember.rules} and are broadcast to every task; the metrics are never re-keyed by rule.
 */
public final class AlertStage {
    private AlertStage() {}

    /**
     * @param alerts     alert transitions (firing, resolved)
     * @param ruleEvents what the job did with each rule snapshot
     */
    public record Output(DataStream<Alert> alerts, DataStream<RuleEvent> ruleEvents) {}

    /**
     * @param metrics every stage's per-area metrics (union them: counts, fusion, …), with event time
     */
    public static Output attach(StreamExecutionEnvironment env, JobSources sources, DataStream<AreaMetrics> metrics,
            JobSettings settings) {
        BroadcastStream<RawFeedRecord> snapshots = sources.control(env, Topics.RULES)
                .assignTimestampsAndWatermarks(RuleSnapshotWatermarks.strategy())
                .uid("rule-snapshots-event-time")
                .name("Rule snapshots (no event time)")
                .broadcast(RuleEvaluationFunction.RULES_IN_FORCE);
        SingleOutputStreamOperator<Alert> alerts = metrics
                .keyBy(AreaMetrics::areaKey)
                .connect(snapshots)
                .process(new RuleEvaluationFunction(settings))
                .uid("rule-evaluation")
                .name("Evaluate rules per area (rule sets broadcast)");
        return new Output(alerts, alerts.getSideOutput(RuleEvaluationFunction.RULE_EVENTS));
    }
}
