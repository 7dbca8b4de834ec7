package org.ember.jobs;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.ember.jobs.alerts.AlertStage;
import org.ember.jobs.counts.CountsStage;
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
        interventions.interventions().sinkTo(sinks.sink(InterventionStage.INTERVENTIONS)).uid("sink-interventions").name("Interventions");
        ingested.deadLetters().union(interventions.deadLetters())
                .sinkTo(sinks.sink(OutputTopic.DEAD_LETTERS)).uid("sink-dead-letters").name("Dead letters");

        CountsStage.Output counted = CountsStage.attach(ingested.incidents());
        counted.counts().sinkTo(sinks.sink(OutputTopic.HOTSPOTS)).uid("sink-hotspots").name("Area counts");

        // Per-area metrics the rules read; a stage that publishes more unions them in here.
        DataStream<AreaMetrics> metrics = counted.metrics();
        if (settings.fusion() != null) { // off only for replays whose rules read counts alone
            FusionStage.Output fused = FusionStage.attach(ingested.incidents(), settings, sources.timerHorizon());
            fused.incidents().sinkTo(sinks.sink(OutputTopic.LINKED_INCIDENTS)).uid("sink-incidents").name("Linked incidents");
            fused.hotspots().sinkTo(sinks.sink(OutputTopic.HOTSPOT_UPDATES)).uid("sink-hotspot-layers").name("Hot-spot layers");
            fused.tension().sinkTo(sinks.sink(OutputTopic.TENSION)).uid("sink-tension").name("Tension");
            metrics = metrics.union(fused.metrics());
        }

        AlertStage.Output alerting = AlertStage.attach(env, sources, metrics, settings);
        alerting.alerts().sinkTo(sinks.sink(OutputTopic.ALERTS)).uid("sink-alerts").name("Alerts");
        alerting.ruleEvents().sinkTo(sinks.sink(OutputTopic.RULE_EVENTS)).uid("sink-rule-events").name("Rule events");

        if (settings.delivery() != null) { // routing, escalation and delivery to people; off when not configured
            DeliveryStage.attach(env, sources, alerting.alerts(), settings)
                    .sinkTo(sinks.sink(DeliveryStage.DELIVERIES)).uid("sink-deliveries").name("Deliveries");
        }

        if (settings.forecast() != null) { // daily rankings per spoke; off for replays that do not need them
            org.ember.jobs.forecast.ForecastStage.attach(ingested.incidents(), settings.forecast())
                    .sinkTo(sinks.sink(org.ember.jobs.forecast.ForecastStage.FORECASTS)).uid("sink-forecasts").name("Forecasts");
        }

        return new Outputs(ingested.incidents(), counted.counts(), alerting.alerts(), ingested.deadLetters());
    }
}
