package org.ember.jobs.area;

import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Either;
import org.ember.jobs.JobSettings;
import org.ember.jobs.JobSources;
import org.ember.jobs.corrections.LatestVersionFunction;
import org.ember.jobs.records.CountDelta;
import org.ember.jobs.records.RawFeedRecord;
import org.ember.model.Alert;
import org.ember.model.AreaCounts;
import org.ember.model.Incident;
import org.ember.model.metrics.AreaMetrics;
import org.ember.model.Topics;
import org.ember.rules.snapshot.RuleEvent;

/**
 * Corrections resolved per partner record, then one operator keyed by area that keeps the area's
 * hourly counts (1 h, 24 h, 7 d) and evaluates its rules over them and over the other stages'
 * metrics ({@link AreaCountsRulesFunction}). Rule sets arrive as snapshots on {@code ember.rules} and
 * are broadcast to every task; nothing is re-keyed by rule.
 *
 * <p>Its uid, {@value #UID}, is new: the job versions that kept counts ({@code area-counts}) and
 * rules ({@code rule-evaluation}) in two operators cannot hand their state to it, and a restore of
 * one of their checkpoints is refused (see {@link RetiredOperators}) instead of starting the area
 * state empty.
 */
public final class AreaStage {
    private AreaStage() {}

    /** The uid of the counts-and-rules operator. */
    public static final String UID = "area-counts-rules";

    /**
     * @param counts     every area's full counts at each publication boundary where they change (for ember.hotspots)
     * @param alerts     alert transitions (firing, resolved)
     * @param ruleEvents what the job did with each rule snapshot
     */
    public record Output(DataStream<AreaCounts> counts, DataStream<Alert> alerts, DataStream<RuleEvent> ruleEvents) {}

    /**
     * @param incidents partner records, with event time
     * @param metrics   the other stages' per-area metrics (the fusion stage's), or null when there are none
     */
    public static Output attach(StreamExecutionEnvironment env, JobSources sources, DataStream<Incident> incidents,
            DataStream<AreaMetrics> metrics, JobSettings settings) {
        DataStream<Either<CountDelta, AreaMetrics>> inputs = incidents
                .keyBy(Incident::recordKey)
                .process(new LatestVersionFunction())
                .uid("latest-version")
                .name("Resolve corrections and cancellations")
                .map(AreaStage::countChange)
                .returns(AreaInputs.NETWORK)
                .uid("area-count-changes")
                .name("Count changes as area inputs");
        if (metrics != null) {
            inputs = inputs.union(metrics
                    .map(AreaStage::metricUpdate)
                    .returns(AreaInputs.NETWORK)
                    .uid("area-metric-updates")
                    .name("Metric updates as area inputs"));
        }
        BroadcastStream<RawFeedRecord> snapshots = sources.control(env, Topics.RULES)
                .assignTimestampsAndWatermarks(RuleSnapshotWatermarks.strategy())
                .uid("rule-snapshots-event-time")
                .name("Rule snapshots (no event time)")
                .broadcast(AreaCountsRulesFunction.RULES_IN_FORCE);
        SingleOutputStreamOperator<Alert> alerts = inputs
                .keyBy(AreaInputs::key)
                .connect(snapshots)
                .process(new AreaCountsRulesFunction(settings))
                .uid(UID)
                .name("Evaluate rules per area over hourly counts (rule sets broadcast)");
        return new Output(alerts.getSideOutput(AreaCountsRulesFunction.COUNTS), alerts,
                alerts.getSideOutput(AreaCountsRulesFunction.RULE_EVENTS));
    }

    private static Either<CountDelta, AreaMetrics> countChange(CountDelta delta) {
        return Either.Left(delta);
    }

    private static Either<CountDelta, AreaMetrics> metricUpdate(AreaMetrics update) {
        return Either.Right(update);
    }
}
