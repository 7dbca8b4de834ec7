package org.ember.jobs;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.ember.jobs.alerts.RuleEvaluationFunction;
import org.ember.jobs.corrections.LatestVersionFunction;
import org.ember.jobs.counts.AreaCountsFunction;
import org.ember.jobs.ingest.IngestFunction;
import org.ember.jobs.records.CountDelta;
import org.ember.model.Alert;
import org.ember.model.AreaCounts;
import org.ember.model.DeadLetter;
import org.ember.model.Feed;
import org.ember.model.Incident;

/**
 * Ember's job graph. Each feed is ingested on its own (validate, pseudonymise, place) and given its
 * own watermarks, so a quiet feed goes idle instead of holding the others back; then every report
 * keyed by partner record resolves corrections, and every area keeps hourly counts that the rules
 * read. Sources and sinks are arguments: Kafka in production, bounded collections in tests.
 */
public final class EmberJob {
    private EmberJob() {}

    /** The streams the job produces, for callers that want to attach more to them. */
    public record Outputs(DataStream<Incident> incidents, DataStream<AreaCounts> counts, DataStream<Alert> alerts,
            DataStream<DeadLetter> deadLetters) {}

    public static Outputs build(StreamExecutionEnvironment env, JobSources sources, JobSinks sinks, JobSettings settings) {
        DataStream<Incident> incidents = null;
        DataStream<DeadLetter> deadLetters = null;
        for (Feed feed : Feed.values()) {
            SingleOutputStreamOperator<Incident> ingested = sources.feed(env, feed)
                    .process(new IngestFunction(feed, settings))
                    .uid("ingest-" + feed.code())
                    .name("Ingest " + feed.code() + ": validate, pseudonymise, place");
            DataStream<Incident> timed = ingested
                    .assignTimestampsAndWatermarks(WatermarkStrategy
                            .<Incident>forBoundedOutOfOrderness(settings.outOfOrderness(feed))
                            .withTimestampAssigner((incident, kafkaTime) -> incident.eventTime())
                            .withIdleness(settings.idleness()))
                    .uid("event-time-" + feed.code())
                    .name("Event time " + feed.code());
            DataStream<DeadLetter> rejected = ingested.getSideOutput(IngestFunction.DEAD_LETTERS);
            incidents = incidents == null ? timed : incidents.union(timed);
            deadLetters = deadLetters == null ? rejected : deadLetters.union(rejected);
        }

        deadLetters.sinkTo(sinks.deadLetters()).uid("sink-dead-letters").name("Dead letters");

        DataStream<CountDelta> deltas = incidents
                .keyBy(Incident::recordKey)
                .process(new LatestVersionFunction())
                .uid("latest-version")
                .name("Resolve corrections and cancellations");

        DataStream<AreaCounts> counts = deltas
                .keyBy(CountDelta::areaKey)
                .process(new AreaCountsFunction())
                .uid("area-counts")
                .name("Hourly counts per area (1h, 24h, 7d)");
        counts.sinkTo(sinks.hotspots()).uid("sink-hotspots").name("Area counts");

        DataStream<Alert> alerts = counts
                .keyBy(c -> c.layer() + ":" + c.areaId())
                .process(new RuleEvaluationFunction(settings))
                .uid("rule-evaluation")
                .name("Evaluate rules");
        alerts.sinkTo(sinks.alerts()).uid("sink-alerts").name("Alerts");

        return new Outputs(incidents, counts, alerts, deadLetters);
    }
}
