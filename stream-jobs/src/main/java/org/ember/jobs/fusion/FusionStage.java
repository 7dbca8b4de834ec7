package org.ember.jobs.fusion;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.ember.jobs.JobSettings;
import org.ember.model.Incident;
import org.ember.model.fusion.HotspotUpdate;
import org.ember.model.fusion.LinkedIncident;
import org.ember.model.fusion.TensionUpdate;
import org.ember.model.metrics.AreaMetrics;
import org.ember.fusion.AreaDelivery;
import org.ember.fusion.FusionSignal;

/**
 * Multi-agency fusion: police, ambulance and A&E reports linked into incidents (keyed by 4 km
 * grid block with a halo, so links cross local-authority boundaries); serious incidents fanned out as near-repeat and rivalry risk to every local authority
 * that must hold it, with intelligence and navigator signals; each incident routed to its local
 * authority and, as a halo for Gi*, to the owners of the grid cells near it; then per local authority
 * the live hot-spot layers, seasonal exceedance, risk and tension.
 */
public final class FusionStage {
    private FusionStage() {}

    /**
     * The stage's streams.
     *
     * @param incidents linked incidents, every change (for {@code ember.incidents})
     * @param hotspots  cell, area, cluster and scan updates and snapshots (for {@code ember.hotspots})
     * @param tension   tension per area with its explanation (for {@code ember.tension})
     * @param metrics   per-area metrics (source "fusion") for rule evaluation
     */
    public record Output(DataStream<LinkedIncident> incidents, DataStream<HotspotUpdate> hotspots,
            DataStream<TensionUpdate> tension, DataStream<AreaMetrics> metrics) {}

    public static Output attach(DataStream<Incident> incidents, JobSettings settings) {
        return attach(incidents, settings, Long.MAX_VALUE);
    }

    /** @param timerHorizon event time after which the hourly ticks stop (see JobSources#timerHorizon) */
    public static Output attach(DataStream<Incident> incidents, JobSettings settings, long timerHorizon) {
        return attach(incidents, settings, timerHorizon, true);
    }

    /**
     * @param timerHorizon event time after which the hourly ticks stop (see JobSources#timerHorizon)
     * @param tensionRead  whether anything reads {@link Output#tension}: when nothing does, the tension
     *                     updates' explanations are not built (every other output is the same)
     */
    public static Output attach(DataStream<Incident> incidents, JobSettings settings, long timerHorizon,
            boolean tensionRead) {
        var linkable = settings.fusion().linkage().linkedFeeds();
        DataStream<LinkedIncident> linked = incidents
                .filter(i -> linkable.contains(i.feed()))
                .uid("fusion-linkable").name("Fusion: police, ambulance and A&E reports")
                .keyBy(Incident::recordKey)
                .process(new LinkageRoute(settings))
                .uid("fusion-linkage-route").name("Fusion: reports to the linkage blocks that need them")
                // A new uid: state keyed by local authority (uid fusion-linkage) cannot be read as
                // state keyed by block, so a restore from before fails instead of silently orphaning it.
                .keyBy(BlockReport::block)
                .process(new LinkageFunction(settings))
                .uid("fusion-linkage-blocks").name("Fusion: link reports into incidents per grid block");
        DataStream<FusionSignal> signals = incidents
                .filter(SoftSignals::handles)
                .uid("fusion-soft").name("Fusion: intelligence and navigator reports")
                .map(new SoftSignals(settings.fusion().risk()))
                .uid("fusion-soft-signals").name("Fusion: intelligence and navigator signals")
                .union(linked
                        .flatMap(new RiskFanout(settings))
                        .uid("fusion-risk-fanout").name("Fusion: near-repeat and rivalry risk to the areas it reaches"));
        DataStream<AreaDelivery> routed = linked
                .keyBy(LinkedIncident::incidentId)
                .process(new AreaRouteFunction(settings))
                .uid("fusion-area-route").name("Fusion: incidents to their authority and as halo to the owners of cells near them");
        SingleOutputStreamOperator<HotspotUpdate> hotspots = routed
                .keyBy(AreaDelivery::lad)
                .connect(signals.keyBy(FusionSignal::targetLad))
                .process(new AreaFusionFunction(settings, 0, timerHorizon, tensionRead))
                .uid("fusion-areas").name("Fusion: hot spots, exceedance, risk and tension per local authority");
        return new Output(linked, hotspots, hotspots.getSideOutput(AreaFusionFunction.TENSION),
                hotspots.getSideOutput(AreaFusionFunction.METRICS));
    }
}
