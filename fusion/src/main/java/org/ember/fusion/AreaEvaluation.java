package org.ember.fusion;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ember.geo.layers.SeasonalExceedance;
import org.ember.geo.risk.AreaRisk;
import org.ember.geo.risk.RiskSignal;
import org.ember.geo.tension.TensionScore;
import org.ember.model.fusion.HotspotUpdate;
import org.ember.model.metrics.AreaMetrics;
import org.ember.model.metrics.FusionMetricFamilies;

/**
 * One area's evaluation for {@link AreaLayer}: its metrics from the tallies, cell summary and scan
 * hits the layer gathered, risk and tension, publication when they moved by
 * {@link AreaLayer#AREA_TOLERANCE}, and the risk timers' look-ahead.
 */
final class AreaEvaluation {
    private static final String[] INCIDENTS_ALL = names(w -> FusionMetricFamilies.incidents(w, "all"));
    private static final String[] INCIDENTS_MULTI_AGENCY = names(w -> FusionMetricFamilies.incidents(w, "multi_agency"));
    private static final String[] INCIDENTS_HEALTH_ONLY = names(w -> FusionMetricFamilies.incidents(w, "health_only"));
    private static final String[] INCIDENTS_SERIOUS = names(w -> FusionMetricFamilies.incidents(w, "serious"));
    private static final String[] DISTINCT_AGENCIES = names(w -> FusionMetricFamilies.windowed("distinct_agencies", w));
    private static final String[] HEALTH_ONLY_SHARE = names(w -> FusionMetricFamilies.windowed("health_only_share", w));
    private static final String GI_Z_MAX = FusionMetricFamilies.windowed("gi_z_max", CellLayer.WINDOW_7D);
    private static final String HOT_CELLS = FusionMetricFamilies.windowed("hot_cells", CellLayer.WINDOW_7D);

    private static final String[] RISKS = {"near_repeat_risk", "rivalry_risk", "intel_tension", "navigator_risk"};

    private static String[] names(java.util.function.UnaryOperator<String> name) {
        String[] out = new String[AreaTally.WINDOWS.length];
        for (int w = 0; w < out.length; w++) {
            out[w] = name.apply(AreaTally.WINDOWS[w]);
        }
        return out;
    }

    private final LadScope lad;
    private final RiskLayer risk;
    private final TensionLayer tension;
    private final SeasonalLayer seasonal;

    AreaEvaluation(LadScope lad, RiskLayer risk, TensionLayer tension, SeasonalLayer seasonal) {
        this.lad = lad;
        this.risk = risk;
        this.tension = tension;
        this.seasonal = seasonal;
    }

    /**
     * One area's evaluation: everything but risk and tension is read at {@code asOf}; {@link #at}
     * adds risk and tension at any time (the evaluation itself, and the risk timers' look-ahead).
     */
    final class Evaluation {
        final String layer;
        final String code;
        final boolean isLad;
        final Map<String, Double> base;
        final TensionLayer.Readings readings;
        final List<RiskSignal> signals;
        final String window;
        Map<String, Double> values;
        List<TensionLayer.Reason> reasons;
        TensionScore score;

        Evaluation(String layer, String code, Map<String, Double> base, TensionLayer.Readings readings,
                List<RiskSignal> signals, String window) {
            this.layer = layer;
            this.code = code;
            this.isLad = "lad".equals(layer);
            this.base = base;
            this.readings = readings;
            this.signals = signals;
            this.window = window;
        }

        /** The values that move with time alone (risk and tension) at {@code asOf}; sets {@link #reasons} and {@link #score}. */
        Map<String, Double> moving(long asOf) {
            Map<String, Double> v = new LinkedHashMap<>();
            AreaRisk areaRisk = risk.evaluate(layer, code, signals, asOf);
            v.put("near_repeat_risk", Publish.round(areaRisk.nearRepeat()));
            v.put("rivalry_risk", Publish.round(areaRisk.rivalry()));
            v.put("intel_tension", Publish.round(areaRisk.intel()));
            v.put("navigator_risk", Publish.round(areaRisk.navigator()));
            TensionLayer.Readings r = readings;
            reasons = tension.reasons(isLad, new TensionLayer.Readings(r.tally(), areaRisk, r.hotCells(),
                    r.emergingCells(), r.bestHit(), r.seasonal(), r.seasonalWindow()));
            score = tension.score(reasons);
            v.put("tension_score", Publish.round(score.score()));
            v.put("tension_level", (double) score.levelIndex());
            return v;
        }

        Evaluation at(long asOf) {
            Map<String, Double> moving = moving(asOf);
            Map<String, Double> v = new LinkedHashMap<>(base);
            for (String risk : RISKS) {
                v.put(risk, moving.get(risk));
            }
            SeasonalExceedance.Result exceedance = readings.seasonal();
            if (exceedance != null) {
                v.put(FusionMetricFamilies.windowed("seasonal_observed", window), (double) exceedance.observed());
                v.put(FusionMetricFamilies.windowed("seasonal_expected", window), Publish.round(exceedance.expected()));
                v.put(FusionMetricFamilies.windowed("seasonal_exceedance_probability", window),
                        Publish.round(exceedance.probability()));
                v.put(FusionMetricFamilies.windowed("seasonal_exceedance", window), Publish.round(exceedance.score()));
            }
            v.put("tension_score", moving.get("tension_score"));
            v.put("tension_level", moving.get("tension_level"));
            values = v;
            return this;
        }
    }

    Evaluation evaluateArea(String layer, String code, AreaTally tally, CellSummary cells, List<ScanHit> hits,
            List<RiskSignal> signals, long asOf) {
        boolean isLad = "lad".equals(layer);
        Map<String, Double> values = new LinkedHashMap<>();
        for (int w = 0; w < AreaTally.WINDOWS.length; w++) {
            values.put(INCIDENTS_ALL[w], (double) tally.all[w]);
            values.put(INCIDENTS_MULTI_AGENCY[w], (double) tally.multiAgency[w]);
            values.put(INCIDENTS_HEALTH_ONLY[w], (double) tally.healthOnly[w]);
            values.put(INCIDENTS_SERIOUS[w], (double) tally.serious[w]);
            values.put(DISTINCT_AGENCIES[w], (double) tally.agencies.get(w).size());
            if (tally.healthRecorded[w] > 0) {
                values.put(HEALTH_ONLY_SHARE[w], Publish.round((double) tally.healthOnly[w] / tally.healthRecorded[w]));
            }
        }
        values.put(GI_Z_MAX, Publish.round(cells.giMax));
        values.put(HOT_CELLS, (double) cells.hot.size());
        values.put("emerging_hot_cells", (double) cells.emerging.size());
        values.put("cluster_members", (double) tally.clusterMembers);
        values.put("clusters", (double) tally.clusters.size());
        ScanHit bestHit = null;
        for (ScanHit hit : hits) {
            if ((isLad || hit.lsoas().contains(code)) && (bestHit == null || hit.recurrenceDays() > bestHit.recurrenceDays())) {
                bestHit = hit;
            }
        }
        values.put("scan_recurrence_days", bestHit == null ? 0.0 : Publish.round(bestHit.recurrenceDays()));
        values.put(EarlyWarningLayer.METRIC, EarlyWarningLayer.score(lad, isLad ? lad.lad() : code));

        SeasonalExceedance.Result exceedance = isLad ? seasonal.evaluate(asOf) : null;
        String window = lad.settings().seasonal().window().toHours() + "h";
        Evaluation evaluation = new Evaluation(layer, code, values, new TensionLayer.Readings(tally, null, cells.hot,
                cells.emerging, bestHit, exceedance, window), signals, window).at(asOf);
        publish(layer, code, evaluation.values, evaluation.reasons, evaluation.score, asOf);
        return evaluation;
    }

    /**
     * Sets when a neighbourhood reached by risk signals must be evaluated again though nothing else
     * moved ({@link RiskTimers}); its other inputs mark it when they move.
     */
    void scheduleRisk(String key, Evaluation evaluation, List<RiskSignal> reaching, List<RiskSignal> agencies,
            long asOf) {
        RiskTimers timers = lad.cache().riskTimers;
        var settings = lad.settings().risk();
        long horizon = RiskTimers.horizon(asOf, reaching, agencies, kind -> settings.lasts(kind).toMillis());
        if (horizon == Long.MAX_VALUE) {
            timers.schedule(key, Long.MAX_VALUE);
            return;
        }
        if (!monotone(reaching)) {
            timers.schedule(key, LadAnalytics.nextHour(asOf));
            return;
        }
        Published published = lad.state().areas().get(key);
        Map<String, String> labels = published == null ? Map.of() : published.labels();
        boolean baseZero = evaluation.base.values().stream().allMatch(v -> v == 0);
        timers.schedule(key, RiskTimers.firstMoved(asOf, horizon, t -> {
            Map<String, Double> moving = evaluation.moving(t);
            return tension.wouldPublish(labels, evaluation.score) || wouldChange(published, baseZero, moving);
        }));
    }

    /** Whether risk can only fall between horizons (see {@link RiskTimers}). */
    private boolean monotone(List<RiskSignal> reaching) {
        for (RiskSignal s : reaching) {
            if (!(s.value() >= 0)) {
                return false;
            }
        }
        for (double w : lad.context().tension().settings().weights().values()) {
            if (!(w >= 0)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@link #publish} would publish (or clear) a neighbourhood whose values other than
     * {@code moving} (risk and tension) are those it was just evaluated with. Those others were then
     * either published or within the tolerance of what was, so only the moving ones can make a
     * difference; the published values have the same keys (else they would have been published).
     */
    private static boolean wouldChange(Published old, boolean baseZero, Map<String, Double> moving) {
        boolean empty = baseZero && moving.values().stream().allMatch(v -> v == 0);
        if (empty || old == null) {
            return empty == (old != null);
        }
        Map<String, Double> before = new LinkedHashMap<>();
        moving.keySet().forEach(k -> before.put(k, old.values().get(k)));
        return Publish.materially(before, moving, AreaLayer.AREA_TOLERANCE);
    }

    private void publish(String layer, String code, Map<String, Double> values, List<TensionLayer.Reason> reasons,
            TensionScore score, long asOf) {
        String key = layer + ":" + code;
        LadState state = lad.state();
        Published old = state.areas().get(key);
        Map<String, String> labels = new LinkedHashMap<>(old == null ? Map.of() : old.labels());
        tension.publish(layer, code, reasons, score, labels, asOf);
        boolean empty = values.values().stream().allMatch(v -> v == 0);
        if (empty) {
            if (old != null) {
                Map<String, Double> zeros = Publish.zeros(values);
                lad.out().hotspot(new HotspotUpdate(HotspotUpdate.AREA_CLEARED, layer, code, lad.lad(), asOf, null, null,
                        zeros, Map.of(), List.of()));
                lad.out().metrics(new AreaMetrics(layer, code, asOf, "fusion", zeros));
                state.areas().remove(key);
            }
            return;
        }
        if (old == null || Publish.materially(old.values(), values, AreaLayer.AREA_TOLERANCE)) {
            lad.out().hotspot(new HotspotUpdate(HotspotUpdate.AREA_SCORED, layer, code, lad.lad(), asOf, null, null, values,
                    publicLabels(labels), List.of()));
            lad.out().metrics(new AreaMetrics(layer, code, asOf, "fusion", values));
            state.areas().put(key, new Published(values, labels, List.of()));
        } else if (!old.labels().equals(labels)) {
            state.areas().put(key, new Published(old.values(), labels, List.of()));
        }
    }

    static Map<String, String> publicLabels(Map<String, String> labels) {
        return labels.containsKey("level") ? Map.of("tension_level", labels.get("level")) : Map.of();
    }
}
