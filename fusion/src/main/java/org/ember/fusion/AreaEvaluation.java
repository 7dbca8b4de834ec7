package org.ember.fusion;

import static org.ember.fusion.AreaVocabulary.bit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ember.geo.layers.SeasonalExceedance;
import org.ember.geo.risk.AreaShape;
import org.ember.geo.risk.RiskField;
import org.ember.geo.risk.RiskSignal;
import org.ember.geo.tension.TensionScore;
import org.ember.model.fusion.HotspotUpdate;
import org.ember.model.metrics.AreaMetrics;

/**
 * One area's evaluation for {@link AreaLayer}: its metrics from the tallies, cell summary and scan
 * hits the layer gathered, risk and tension, publication when they moved by
 * {@link AreaLayer#AREA_TOLERANCE}, and the risk timers' look-ahead.
 *
 * <p>Most evaluations publish nothing, and the look-ahead evaluates risk and tension at many
 * hours, so an evaluation is numbers: the metrics in an array of the {@link AreaVocabulary}, risk
 * from {@link RiskField.Terms}, the tension score added up without its explanations
 * ({@link TensionLayer#bareScore}). Maps of names, the risk's contributions and the tension's
 * explanation are built only for an update that is published.
 */
final class AreaEvaluation {
    private final LadScope lad;
    private final RiskLayer risk;
    private final TensionLayer tension;
    private final SeasonalLayer seasonal;
    /** The tension weights last checked for {@link #monotone}, and whether none was negative. */
    private Map<String, Double> checkedWeights;
    private boolean weightsMonotone;

    AreaEvaluation(LadScope lad, RiskLayer risk, TensionLayer tension, SeasonalLayer seasonal) {
        this.lad = lad;
        this.risk = risk;
        this.tension = tension;
        this.seasonal = seasonal;
    }

    /**
     * The numbers an area's published values were made from: {@code values} is the map in state
     * only while state holds this very map object (after a restore, or a write by anything else,
     * it does not, and the map itself is read instead).
     */
    record Numbers(Map<String, Double> values, AreaVocabulary vocabulary, double[] numbers, long mask) {}

    /** The numbers of {@code published}, or null when they are not known (always, from scratch). */
    private Numbers numbers(String key, Published published, AreaVocabulary vocabulary) {
        if (!lad.cache().incremental) {
            return null;
        }
        Numbers n = lad.cache().publishedNumbers.get(key);
        return n != null && n.values() == published.values() && n.vocabulary() == vocabulary ? n : null;
    }

    /**
     * One area's evaluation: everything but risk and tension is read at {@code asOf}; {@link #at}
     * sets risk and tension at any time (the evaluation itself, and the risk timers' look-ahead).
     */
    final class Evaluation {
        /** The area key ({@code layer:code}). */
        final String key;
        final String layer;
        final String code;
        /** The area's shape (null: not covered). */
        final AreaShape shape;
        final boolean isLad;
        final long asOf;
        final AreaVocabulary vocabulary;
        /** The metrics by {@link AreaVocabulary} index; those of {@link #mask} are present. */
        double[] values = new double[AreaVocabulary.SIZE];
        /** Whether {@link #values} is kept as the published numbers ({@link #at} then writes into a copy). */
        private boolean valuesPublished;
        long mask;
        /** Whether every metric but risk and tension is 0. */
        boolean baseZero;
        final TensionLayer.Readings readings;
        final List<RiskSignal> signals;
        /** Risk as a function of time (null: none, the area has no shape). */
        final RiskField.Terms terms;
        /** The authority's tensest neighbourhood score (its tension input; 0 for a neighbourhood). */
        double neighbourhood;
        /** Risk at the time last asked for, unrounded: near-repeat, rivalry, intelligence, navigator. */
        final double[] riskNow = new double[4];
        TensionScore score;
        /** What is in state for the area after {@link #publish} (null: nothing). */
        Published published;

        Evaluation(String key, AreaLayer.Name name, long asOf, AreaVocabulary vocabulary, TensionLayer.Readings readings,
                List<RiskSignal> signals) {
            this.key = key;
            this.layer = name.layer();
            this.code = name.code();
            this.shape = name.shape();
            this.isLad = "lad".equals(layer);
            this.asOf = asOf;
            this.vocabulary = vocabulary;
            this.readings = readings;
            this.signals = signals;
            // No signal: risk stays the zeros riskNow starts with, as terms over no signals would write.
            this.terms = signals.isEmpty() ? null : risk.terms(shape, signals);
        }

        /** Risk and tension at {@code time} into {@link #values} and {@link #score}. */
        Evaluation at(long time) {
            if (terms != null) {
                terms.at(time, riskNow);
            }
            score = tension.bareScore(isLad, readings, riskNow, neighbourhood);
            if (valuesPublished) {
                values = values.clone();
                valuesPublished = false;
            }
            moving(values, riskNow, score);
            return this;
        }

        /** The inputs of the tension at {@link #asOf} with their explanations (for an update that is published). */
        List<TensionLayer.Reason> reasons() {
            TensionLayer.Readings r = readings;
            return tension.reasons(isLad, new TensionLayer.Readings(r.tally(), risk.evaluate(shape, signals, asOf),
                    r.hotCells(), r.emergingCells(), r.bestHit(), r.seasonal(), r.seasonalWindow()));
        }
    }

    Evaluation evaluateArea(String key, AreaLayer.Name name, AreaTally tally, CellSummary cells, List<ScanHit> hits,
            List<RiskSignal> signals, long asOf) {
        String layer = name.layer();
        String code = name.code();
        boolean isLad = "lad".equals(layer);
        ScanHit bestHit = null;
        for (ScanHit hit : hits) {
            if ((isLad || hit.lsoas().contains(code)) && (bestHit == null || hit.recurrenceDays() > bestHit.recurrenceDays())) {
                bestHit = hit;
            }
        }
        double earlyWarning = EarlyWarningLayer.score(lad, isLad ? lad.lad() : code);
        SeasonalExceedance.Result exceedance = isLad ? seasonal.evaluate(asOf) : null;
        AreaVocabulary vocabulary = vocabulary();
        String window = vocabulary.seasonalWindow();
        Evaluation e = new Evaluation(key, name, asOf, vocabulary, new TensionLayer.Readings(tally, null,
                cells.hot, cells.emerging, bestHit, exceedance, window), signals);
        e.mask = fill(e.values, tally, cells, bestHit, earlyWarning, exceedance);
        e.baseZero = AreaVocabulary.allZero(e.values, e.mask & ~AreaVocabulary.MOVING_MASK & ~AreaVocabulary.seasonal());
        if (isLad) {
            e.neighbourhood = tension.tensestNeighbourhood();
        }
        e.at(asOf);
        e.published = publish(e, asOf);
        return e;
    }

    /**
     * The vocabulary of the configured seasonal window, named once per window in task memory: this
     * class lives for one call of the authority's analytics, and naming it at every tick spelt the
     * window again.
     */
    private AreaVocabulary vocabulary() {
        LadCache cache = lad.cache();
        java.time.Duration window = lad.settings().seasonal().window();
        if (!window.equals(cache.vocabularyWindow)) {
            cache.vocabulary = AreaVocabulary.of(window.toHours() + "h");
            cache.vocabularyWindow = window;
        }
        return cache.vocabulary;
    }

    /**
     * An area's metrics other than risk and tension into {@code v} (by {@link AreaVocabulary} index);
     * returns which are present.
     */
    static long fill(double[] v, AreaTally tally, CellSummary cells, ScanHit bestHit, double earlyWarning,
            SeasonalExceedance.Result exceedance) {
        long mask = AreaVocabulary.ALWAYS;
        for (int w = 0; w < AreaVocabulary.WINDOWS; w++) {
            v[AreaVocabulary.incidentsAll(w)] = tally.all[w];
            v[AreaVocabulary.incidentsMultiAgency(w)] = tally.multiAgency[w];
            v[AreaVocabulary.incidentsHealthOnly(w)] = tally.healthOnly[w];
            v[AreaVocabulary.incidentsSerious(w)] = tally.serious[w];
            v[AreaVocabulary.distinctAgencies(w)] = tally.agencies.get(w).size();
            if (tally.healthRecorded[w] > 0) {
                v[AreaVocabulary.healthOnlyShare(w)] = Publish.round((double) tally.healthOnly[w] / tally.healthRecorded[w]);
                mask |= bit(AreaVocabulary.healthOnlyShare(w));
            }
        }
        v[AreaVocabulary.GI_Z_MAX] = Publish.round(cells.giMax);
        v[AreaVocabulary.HOT_CELLS] = cells.hot.size();
        v[AreaVocabulary.EMERGING_HOT_CELLS] = cells.emerging.size();
        v[AreaVocabulary.CLUSTER_MEMBERS] = tally.clusterMembers;
        v[AreaVocabulary.CLUSTERS] = tally.clusters.size();
        v[AreaVocabulary.SCAN_RECURRENCE_DAYS] = bestHit == null ? 0.0 : Publish.round(bestHit.recurrenceDays());
        v[AreaVocabulary.EARLY_WARNING] = earlyWarning;
        if (exceedance != null) {
            v[AreaVocabulary.SEASONAL_OBSERVED] = exceedance.observed();
            v[AreaVocabulary.SEASONAL_EXPECTED] = Publish.round(exceedance.expected());
            v[AreaVocabulary.SEASONAL_EXCEEDANCE_PROBABILITY] = Publish.round(exceedance.probability());
            v[AreaVocabulary.SEASONAL_EXCEEDANCE] = Publish.round(exceedance.score());
            mask |= AreaVocabulary.seasonal();
        }
        return mask;
    }

    /** Risk (unrounded: near-repeat, rivalry, intelligence, navigator) and tension as metrics into {@code v}. */
    static void moving(double[] v, double[] risk, TensionScore score) {
        v[AreaVocabulary.NEAR_REPEAT_RISK] = Publish.round(risk[RiskField.Terms.NEAR_REPEAT]);
        v[AreaVocabulary.RIVALRY_RISK] = Publish.round(risk[RiskField.Terms.RIVALRY]);
        v[AreaVocabulary.INTEL_TENSION] = Publish.round(risk[RiskField.Terms.INTEL]);
        v[AreaVocabulary.NAVIGATOR_RISK] = Publish.round(risk[RiskField.Terms.NAVIGATOR]);
        v[AreaVocabulary.TENSION_SCORE] = Publish.round(score.score());
        v[AreaVocabulary.TENSION_LEVEL] = score.levelIndex();
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
        Published published = evaluation.published;
        TensionScore previous = published == null ? null : tension.previous(key, published.labels());
        double[] before = published == null ? null : moving(evaluation.vocabulary, published.values(),
                numbers(key, published, evaluation.vocabulary));
        timers.schedule(key, RiskTimers.firstMoved(asOf, horizon, t -> {
            evaluation.at(t);
            return tension.changed(previous, evaluation.score) || wouldChange(evaluation, before);
        }));
    }

    /**
     * The published values of the metrics that move with time alone, in {@link AreaVocabulary#MOVING}
     * order (NaN: absent), from the numbers they were made from when known.
     */
    private static double[] moving(AreaVocabulary names, Map<String, Double> published, Numbers numbers) {
        double[] out = new double[AreaVocabulary.MOVING.length];
        for (int k = 0; k < out.length; k++) {
            int m = AreaVocabulary.MOVING[k];
            if (numbers != null) {
                out[k] = (numbers.mask() & bit(m)) != 0 ? numbers.numbers()[m] : Double.NaN;
            } else {
                Double v = published.get(names.name(m));
                out[k] = v == null ? Double.NaN : v;
            }
        }
        return out;
    }

    /** Whether risk can only fall between horizons (see {@link RiskTimers}). */
    private boolean monotone(List<RiskSignal> reaching) {
        for (RiskSignal s : reaching) {
            if (!(s.value() >= 0)) {
                return false;
            }
        }
        Map<String, Double> weights = lad.context().tension().settings().weights();
        if (weights != checkedWeights) {
            boolean monotone = true;
            for (double w : weights.values()) {
                monotone &= w >= 0;
            }
            weightsMonotone = monotone;
            checkedWeights = weights;
        }
        return weightsMonotone;
    }

    /**
     * Whether {@link #publish} would publish (or clear) a neighbourhood whose values other than the
     * moving ones (risk and tension) are those it was just evaluated with. Those others were then
     * either published or within the tolerance of what was, so only the moving ones can make a
     * difference; the published values have the same names (else they would have been published).
     *
     * @param before the moving values published ({@link #moving}), null when nothing is
     */
    private static boolean wouldChange(Evaluation e, double[] before) {
        boolean empty = e.baseZero;
        for (int m : AreaVocabulary.MOVING) {
            empty &= e.values[m] == 0;
        }
        if (empty || before == null) {
            return empty == (before != null);
        }
        for (int k = 0; k < before.length; k++) {
            int m = AreaVocabulary.MOVING[k];
            if (Double.isNaN(before[k]) || e.vocabulary.differs(m, before[k], e.values[m], AreaLayer.AREA_TOLERANCE)) {
                return true;
            }
        }
        return false;
    }

    /** Publishes the area if it moved materially, or clears it; returns what is in state for it afterwards. */
    private Published publish(Evaluation e, long asOf) {
        String key = e.key;
        LadState state = lad.state();
        Published old = state.areas().get(key);
        Map<String, String> labels = old == null ? Map.of() : old.labels();
        TensionScore previous = old == null ? null : tension.previous(key, labels);
        boolean tensionPublished = tension.changed(previous, e.score);
        if (tensionPublished) {
            labels = new LinkedHashMap<>(labels);
            tension.publish(e.layer, e.code, e::reasons, e.score, previous, labels, asOf);
        }
        if (AreaVocabulary.allZero(e.values, e.mask)) {
            if (old != null) {
                Map<String, Double> zeros = e.vocabulary.zeros(e.mask);
                lad.out().hotspot(new HotspotUpdate(HotspotUpdate.AREA_CLEARED, e.layer, e.code, lad.lad(), asOf, null,
                        null, zeros, Map.of(), List.of()));
                lad.out().metrics(new AreaMetrics(e.layer, e.code, asOf, "fusion", zeros));
                state.areas().remove(key);
                lad.cache().publishedNumbers.remove(key);
                tension.published(key, null);
            }
            return null;
        }
        if (old == null || materially(key, old, e)) {
            // One immutable map for the update, the metrics and the state (each would copy it again).
            Map<String, Double> values = e.vocabulary.immutableMap(e.values, e.mask);
            // Kept as they are: the risk timers' look-ahead, which writes other hours' risk and tension, copies them first.
            lad.cache().publishedNumbers.put(key, new Numbers(values, e.vocabulary, e.values, e.mask));
            e.valuesPublished = true;
            lad.out().hotspot(new HotspotUpdate(HotspotUpdate.AREA_SCORED, e.layer, e.code, lad.lad(), asOf, null, null,
                    values, publicLabels(labels), List.of()));
            lad.out().metrics(new AreaMetrics(e.layer, e.code, asOf, "fusion", values));
            Published now = new Published(values, labels, List.of());
            state.areas().put(key, now);
            tension.published(key, now);
            if (tensionPublished) {
                tension.remember(key, now.labels(), e.score);
            }
            return now;
        }
        if (!old.labels().equals(labels)) {
            Published now = new Published(old.values(), labels, List.of());
            state.areas().put(key, now);
            if (tensionPublished) {
                tension.remember(key, now.labels(), e.score);
            }
            return now;
        }
        return old;
    }

    /** Whether the evaluation differs materially from what the area published ({@code old}). */
    private boolean materially(String key, Published old, Evaluation e) {
        Numbers before = numbers(key, old, e.vocabulary);
        return before != null
                ? e.vocabulary.materially(before.numbers(), before.mask(), e.values, e.mask, AreaLayer.AREA_TOLERANCE)
                : e.vocabulary.materially(old.values(), e.values, e.mask, AreaLayer.AREA_TOLERANCE);
    }

    static Map<String, String> publicLabels(Map<String, String> labels) {
        return labels.containsKey("level") ? Map.of("tension_level", labels.get("level")) : Map.of();
    }
}
