package org.ember.jobs;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.ember.jobs.alerts.AlertStage;
import org.ember.jobs.counts.CountsStage;
import org.ember.jobs.ingest.IngestStage;
import org.ember.model.Alert;
import org.ember.model.AreaCounts;
import org.ember.model.DeadLetter;
import org.ember.model.Incident;

/**
 * Ember's job graph, stage by stage: ingest every feed (bad records to the dead-letter topic),
 * resolve corrections and keep hourly counts per area, evaluate the rules. Each stage lives in its
 * own package; this class only wires them to each other and to the sinks. Sources and sinks are
 * arguments: Kafka in production, bounded collections in tests.
 */
public final class EmberJob {
    private EmberJob() {}

    /** The streams the job produces, for callers that want to attach more to them. */
    public record Outputs(DataStream<Incident> incidents, DataStream<AreaCounts> counts, DataStream<Alert> alerts,
            DataStream<DeadLetter> deadLetters) {}

    public static Outputs build(StreamExecutionEnvironment env, JobSources sources, JobSinks sinks, JobSettings settings) {
        IngestStage.Output ingested = IngestStage.attach(env, sources, settings);
        ingested.deadLetters().sinkTo(sinks.sink(OutputTopic.DEAD_LETTERS)).uid("sink-dead-letters").name("Dead letters");

        DataStream<AreaCounts> counts = CountsStage.attach(ingested.incidents());
        counts.sinkTo(sinks.sink(OutputTopic.HOTSPOTS)).uid("sink-hotspots").name("Area counts");

        DataStream<Alert> alerts = AlertStage.attach(counts, settings);
        alerts.sinkTo(sinks.sink(OutputTopic.ALERTS)).uid("sink-alerts").name("Alerts");

        return new Outputs(ingested.incidents(), counts, alerts, ingested.deadLetters());
    }
}
