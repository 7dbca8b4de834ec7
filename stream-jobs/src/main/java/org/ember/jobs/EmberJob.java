package org.ember.jobs;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.ember.jobs.area.AreaStage;
import org.ember.jobs.delivery.DeliveryStage;
import org.ember.jobs.fusion.FusionStage;
import org.ember.jobs.ingest.IngestStage;
import org.ember.jobs.interventions.InterventionStage;
import org.ember.model.Alert;
import org.ember.model.AreaCounts;
import org.ember.model.DeadLetter;
import org.ember.model.Incident;
import org.ember.model.metrics.AreaMetrics;

/**
 * Ember's job graph, stage by stage: ingest every feed (bad records to the dead-letter topic),
 * resolve corrections and keep hourly counts per area, evaluate the rules (rule sets reloaded from
 * {@code ember.rules}). Each stage lives in its own package; this class only wires them to each
 * other and to the sinks. Sources and sinks are arguments: Kafka in production, bounded collections
 * in tests.
 */
public final class EmberJob {
    private EmberJob() {}

    /** The streams the job produces, for callers that want to attach more to them. */
    public record Outputs(DataStream<Incident> incidents, DataStream<AreaCounts> counts, DataStream<Alert> alerts,
            DataStream<DeadLetter> deadLetters) {}

    public static Outputs build(StreamExecutionEnvironment env, JobSources sources, JobSinks sinks, JobSettings settings) {
        IngestStage.Output ingested = IngestStage.attach(env, sources, settings);
        // Interventions are a branch of their own: they never join the incidents, so never the counts.
        InterventionStage.Output interventions = InterventionStage.attach(env, sources, settings);
        write(interventions.interventions(), sinks, InterventionStage.INTERVENTIONS, "sink-interventions", "Interventions");
        write(ingested.deadLetters().union(interventions.deadLetters()), sinks, OutputTopic.DEAD_LETTERS,
                "sink-dead-letters", "Dead letters");

        // Per-area metrics of other stages the rules read besides the counts; a stage that publishes more unions them in here.
        DataStream<AreaMetrics> metrics = null;
        if (settings.fusion() != null) { // off only for replays whose rules read counts alone
            // Tension's explanations are built only for a job that writes them somewhere.
            FusionStage.Output fused = FusionStage.attach(ingested.incidents(), settings, sources.timerHorizon(),
                    sinks.reads(OutputTopic.TENSION));
            write(fused.incidents(), sinks, OutputTopic.LINKED_INCIDENTS, "sink-incidents", "Linked incidents");
            write(fused.hotspots(), sinks, OutputTopic.HOTSPOT_UPDATES, "sink-hotspot-layers", "Hot-spot layers");
            write(fused.tension(), sinks, OutputTopic.TENSION, "sink-tension", "Tension");
            metrics = fused.metrics();
        }

        // Hourly counts and the rules over them and over the fusion metrics, in one operator keyed by area.
        AreaStage.Output alerting = AreaStage.attach(env, sources, ingested.incidents(), metrics, settings);
        write(alerting.counts(), sinks, OutputTopic.HOTSPOTS, "sink-hotspots", "Area counts");
        write(alerting.alerts(), sinks, OutputTopic.ALERTS, "sink-alerts", "Alerts");
        write(alerting.ruleEvents(), sinks, OutputTopic.RULE_EVENTS, "sink-rule-events", "Rule events");

        if (settings.delivery() != null) { // routing, escalation and delivery to people; off when not configured
            write(DeliveryStage.attach(env, sources, alerting.alerts(), settings), sinks, DeliveryStage.DELIVERIES,
                    "sink-deliveries", "Deliveries");
        }

        if (settings.forecast() != null) { // daily rankings per spoke; off for replays that do not need them
            write(org.ember.jobs.forecast.ForecastStage.attach(ingested.incidents(), settings.forecast()), sinks,
                    org.ember.jobs.forecast.ForecastStage.FORECASTS, "sink-forecasts", "Forecasts");
        }

        return new Outputs(ingested.incidents(), alerting.counts(), alerting.alerts(), ingested.deadLetters());
    }

    /** Writes {@code stream} to {@code topic}, unless nothing reads that topic. */
    private static <T> void write(DataStream<T> stream, JobSinks sinks, OutputTopic<T> topic, String uid, String name) {
        if (sinks.reads(topic)) {
            stream.sinkTo(sinks.sink(topic)).uid(uid).name(name);
        }
    }
}
