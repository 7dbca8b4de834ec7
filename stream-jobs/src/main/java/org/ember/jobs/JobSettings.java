package org.ember.jobs;

import java.io.Serializable;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.ember.geo.area.Coverage;
import org.ember.geo.fusion.FusionSettings;
import org.ember.model.Feed;
import org.ember.model.privacy.Pseudonymiser;
import org.ember.rules.RuleSet;

/**
 * Everything the job graph needs besides its sources and sinks.
 *
 * @param dataDir         directory holding the boundary files (../shared/data layout)
 * @param coverage        the local authorities this deployment covers
 * @param cellSizeMetres  side of the British National Grid cells events are placed in
 * @param pseudonymiser   keyed hash for person references
 * @param rules           the rule set in force at start
 * @param outOfOrderness  per feed, how late its records usually arrive (a descriptor: the clock is arrival time
 *                        and no feed holds it back, see docs/rules.md "Determinism")
 * @param idleness        how long a silent live feed waits before it stops holding back event time; null or
 *                        zero = never (bounded sources never use it, see {@link JobSources#bounded()})
 * @param fusion          multi-agency fusion: linkage windows, hot-spot layers, seasonal exceedance, risk, tension;
 *                        null = no fusion stage (a replay of rules that read counts only)
 * @param delivery        routing, rotas and channels of the notification stage; null = no notifications
 * @param ingestLimits    sizes and plausible times ingest accepts; null = the defaults
 * @param forecast        daily hotspot rankings per spoke on {@code ember.forecasts}; null = none
 */
public record JobSettings(
        String dataDir,
        Coverage coverage,
        int cellSizeMetres,
        Pseudonymiser pseudonymiser,
        RuleSet rules,
        Map<Feed, Duration> outOfOrderness,
        Duration idleness,
        FusionSettings fusion,
        org.ember.jobs.delivery.DeliverySettings delivery,
        org.ember.model.ingest.IngestLimits ingestLimits,
        org.ember.jobs.forecast.ForecastSettings forecast) implements Serializable {

    /** Settings without daily forecasts (the constructor before they existed). */
    public JobSettings(String dataDir, Coverage coverage, int cellSizeMetres, Pseudonymiser pseudonymiser, RuleSet rules,
            Map<Feed, Duration> outOfOrderness, Duration idleness, FusionSettings fusion,
            org.ember.jobs.delivery.DeliverySettings delivery, org.ember.model.ingest.IngestLimits ingestLimits) {
        this(dataDir, coverage, cellSizeMetres, pseudonymiser, rules, outOfOrderness, idleness, fusion, delivery,
                ingestLimits, null);
    }

    /** The same settings publishing daily rankings as {@code newForecast} says (null = none). */
    public JobSettings withForecast(org.ember.jobs.forecast.ForecastSettings newForecast) {
        return new JobSettings(dataDir, coverage, cellSizeMetres, pseudonymiser, rules, outOfOrderness, idleness, fusion,
                delivery, ingestLimits, newForecast);
    }

    /** Settings with the default ingest limits ({@link org.ember.model.ingest.IngestLimits#defaults()}). */
    public JobSettings(String dataDir, Coverage coverage, int cellSizeMetres, Pseudonymiser pseudonymiser, RuleSet rules,
            Map<Feed, Duration> outOfOrderness, Duration idleness, FusionSettings fusion,
            org.ember.jobs.delivery.DeliverySettings delivery) {
        this(dataDir, coverage, cellSizeMetres, pseudonymiser, rules, outOfOrderness, idleness, fusion, delivery, null);
    }

    /** The same settings with other ingest limits (a replay of old records uses {@code IngestLimits.replay()}). */
    public JobSettings withIngestLimits(org.ember.model.ingest.IngestLimits limits) {
        return new JobSettings(dataDir, coverage, cellSizeMetres, pseudonymiser, rules, outOfOrderness, idleness, fusion,
                delivery, limits, forecast);
    }

    public JobSettings {
        outOfOrderness = new EnumMap<>(outOfOrderness);
        ingestLimits = ingestLimits == null ? org.ember.model.ingest.IngestLimits.defaults() : ingestLimits;
    }

    public JobSettings withFusion(FusionSettings newFusion) {
        return new JobSettings(dataDir, coverage, cellSizeMetres, pseudonymiser, rules, outOfOrderness, idleness, newFusion,
                delivery, ingestLimits, forecast);
    }

    /** The same settings with notifications routed and delivered as {@code newDelivery} says (null = none). */
    public JobSettings withDelivery(org.ember.jobs.delivery.DeliverySettings newDelivery) {
        return new JobSettings(dataDir, coverage, cellSizeMetres, pseudonymiser, rules, outOfOrderness, idleness, fusion,
                newDelivery, ingestLimits, forecast);
    }

    /**
     * Defaults that match how the partners send: police and ambulance systems send within minutes,
     * A&E attendances arrive hours after the assault they report, intelligence is written up later.
     */
    public static Map<Feed, Duration> defaultOutOfOrderness() {
        Map<Feed, Duration> lateness = new EnumMap<>(Feed.class);
        lateness.put(Feed.POLICE, Duration.ofMinutes(30));
        lateness.put(Feed.AMBULANCE, Duration.ofMinutes(15));
        lateness.put(Feed.AE, Duration.ofHours(6));
        lateness.put(Feed.NAVIGATOR, Duration.ofHours(2));
        lateness.put(Feed.INTEL, Duration.ofHours(2));
        return lateness;
    }

    public Duration outOfOrderness(Feed feed) {
        return outOfOrderness.getOrDefault(feed, Duration.ofMinutes(30));
    }
}
