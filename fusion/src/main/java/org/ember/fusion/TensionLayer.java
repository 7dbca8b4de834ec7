package org.ember.fusion;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.ember.geo.layers.SeasonalExceedance;
import org.ember.geo.risk.AreaRisk;
import org.ember.geo.risk.RiskSignal;
import org.ember.geo.tension.TensionInput;
import org.ember.geo.tension.TensionScore;
import org.ember.geo.tension.TensionSettings;
import org.ember.model.fusion.TensionContribution;
import org.ember.model.fusion.TensionUpdate;

/**
 * Tension of one area with its why: every layer's reading as a weighted input
 * ({@link org.ember.geo.tension.TensionScorer}); an update is published when the level changes or the
 * score moves by the configured step. The explanations (detail strings, evidence) are built only
 * for an update that is published, and only when something reads the tension updates
 * ({@link FusionOutputs#tensionRead}): most evaluations publish nothing.
 */
final class TensionLayer {
    private final LadScope lad;

    TensionLayer(LadScope lad) {
        this.lad = lad;
    }

    /** One input whose explanation is written only if it is published. */
    record Reason(String signal, double value, Supplier<String> detail, Supplier<List<String>> evidence) {
        TensionInput bare() {
            return new TensionInput(signal, value, "", List.of());
        }

        TensionInput full() {
            return new TensionInput(signal, value, detail.get(), evidence.get());
        }
    }

    /** What an area's tension is read from (null when the area has no such reading). */
    record Readings(AreaTally tally, AreaRisk risk, List<String> hotCells, List<String> emergingCells, ScanHit bestHit,
            SeasonalExceedance.Result seasonal, String seasonalWindow) {}

    /**
     * {@link #score} of {@link #reasons}, without building them: the inputs in the same order, the
     * risk of a neighbourhood from {@code risk} (near-repeat, rivalry, intelligence, navigator) and
     * an authority's tensest neighbourhood from {@code neighbourhood}.
     */
    TensionScore bareScore(boolean isLad, Readings r, double[] risk, double neighbourhood) {
        TensionPoints p = TensionPoints.of(lad.context().tension().settings());
        double total = 0;
        SeasonalExceedance.Result seasonal = r.seasonal();
        if (seasonal != null) {
            total = p.add(total, TensionPoints.EXCEEDANCE, seasonal.score());
        }
        if (isLad) {
            total = p.add(total, TensionPoints.NEIGHBOURHOOD, neighbourhood);
            return p.score(total);
        }
        total = p.add(total, TensionPoints.NEAR_REPEAT, risk[0]);
        total = p.add(total, TensionPoints.RIVALRY, risk[1]);
        total = p.add(total, TensionPoints.INTEL, risk[2]);
        total = p.add(total, TensionPoints.NAVIGATOR, risk[3]);
        total = p.add(total, TensionPoints.HOT_CELLS, r.hotCells().size());
        AreaTally tally = r.tally();
        total = p.add(total, TensionPoints.CLUSTER, tally.clusterMembers);
        ScanHit bestHit = r.bestHit();
        if (bestHit != null && bestHit.recurrenceDays() >= 1) {
            total = p.add(total, TensionPoints.SCAN, Math.log10(bestHit.recurrenceDays()));
        }
        total = p.add(total, TensionPoints.MULTI_AGENCY, tally.multiAgency[0]);
        total = p.add(total, TensionPoints.EMERGING, r.emergingCells().size());
        return p.score(total);
    }

    /**
     * The highest tension score a neighbourhood of the authority last published (0 if none): the
     * value of the authority's {@link TensionSettings#NEIGHBOURHOOD} input. Read from an index in
     * task memory that {@link #published} keeps, built from state on first use.
     */
    double tensestNeighbourhood() {
        LadCache cache = lad.cache();
        if (!cache.incremental) {
            return neighbourhood().value();
        }
        if (cache.neighbourhoodTension == null) {
            NeighbourhoodTension index = new NeighbourhoodTension();
            for (Map.Entry<String, Published> e : lad.state().areas().entries()) {
                if (e.getKey().startsWith("lsoa:")) {
                    index.put(e.getKey(), e.getValue().values().getOrDefault("tension_score", 0.0));
                }
            }
            cache.neighbourhoodTension = index;
        }
        return cache.neighbourhoodTension.best();
    }

    /** An area's publication changed ({@code now} null: removed): keeps the index of neighbourhoods' tension. */
    void published(String areaKey, Published now) {
        NeighbourhoodTension index = lad.cache().neighbourhoodTension;
        if (index == null || !areaKey.startsWith("lsoa:")) {
            return;
        }
        if (now == null) {
            index.remove(areaKey);
        } else {
            index.put(areaKey, now.values().getOrDefault("tension_score", 0.0));
        }
    }

    /** The inputs of an area's tension. */
    List<Reason> reasons(boolean isLad, Readings r) {
        List<Reason> inputs = new ArrayList<>();
        SeasonalExceedance.Result seasonal = r.seasonal();
        if (seasonal != null) {
            inputs.add(new Reason(TensionSettings.EXCEEDANCE, seasonal.score(), () -> String.format(Locale.ROOT,
                    "%d police-recorded incidents in %s against %.1f expected (P = %.2g)", seasonal.observed(),
                    r.seasonalWindow(), seasonal.expected(), seasonal.probability()), List::of));
        }
        if (isLad) {
            inputs.add(neighbourhood());
        } else {
            neighbourhood(inputs, r);
        }
        return inputs;
    }

    /**
     * A local authority is as tense as its tensest neighbourhood (plus its own seasonal exceedance):
     * summing every neighbourhood's risk would make any large authority look alarming. The
     * neighbourhood's own tension update explains itself.
     */
    private Reason neighbourhood() {
        String top = null;
        double best = 0;
        for (Map.Entry<String, Published> e : lad.state().areas().entries()) {
            double score = e.getValue().values().getOrDefault("tension_score", 0.0);
            if (e.getKey().startsWith("lsoa:") && score > best) {
                best = score;
                top = e.getKey().substring("lsoa:".length());
            }
        }
        String tensest = top;
        double tensestScore = best;
        return new Reason(TensionSettings.NEIGHBOURHOOD, best,
                () -> tensest == null ? "no tense neighbourhood"
                        : String.format(Locale.ROOT, "tensest neighbourhood %s scores %.1f", tensest, tensestScore),
                () -> tensest == null ? List.of() : List.of(tensest));
    }

    private void neighbourhood(List<Reason> inputs, Readings r) {
        var risk = lad.settings().risk();
        AreaRisk areaRisk = r.risk();
        inputs.add(risk(TensionSettings.NEAR_REPEAT, areaRisk.nearRepeat(), () -> areaRisk.of(RiskSignal.NEAR_REPEAT),
                () -> "serious incident(s) within " + (long) risk.kernel().outerMetres() + " m in the last "
                        + risk.kernel().lasts().toDays() + " days"));
        inputs.add(risk(TensionSettings.RIVALRY, areaRisk.rivalry(), () -> areaRisk.of(RiskSignal.RIVALRY),
                () -> "serious incident(s) in a rival area"));
        inputs.add(risk(TensionSettings.INTEL, areaRisk.intel(), () -> areaRisk.of(RiskSignal.INTEL),
                () -> "community tension report(s)"));
        inputs.add(risk(TensionSettings.NAVIGATOR, areaRisk.navigator(), () -> areaRisk.of(RiskSignal.NAVIGATOR),
                () -> "navigator high-risk assessment(s) or safeguarding referral(s)"));
        List<String> hotCells = r.hotCells();
        inputs.add(new Reason(TensionSettings.HOT_CELLS, hotCells.size(),
                () -> hotCells.size() + " hot cell(s) (Gi* over " + lad.settings().hotspots().giWindow().toDays() + " days)",
                () -> Publish.capped(hotCells)));
        AreaTally tally = r.tally();
        inputs.add(new Reason(TensionSettings.CLUSTER, tally.clusterMembers, () -> tally.clusterMembers + " incident(s) in "
                + tally.clusters.size() + " space-time cluster(s)", () -> {
                    List<String> clusterIds = new ArrayList<>();
                    // A cluster across the boundary that the neighbour publishes has no key here.
                    tally.clusters.forEach(c -> {
                        if (lad.cache().clusters.publishedHere(c)) {
                            clusterIds.add(lad.lad() + ":" + c);
                        }
                    });
                    return Publish.capped(clusterIds);
                }));
        ScanHit bestHit = r.bestHit();
        if (bestHit != null && bestHit.recurrenceDays() >= 1) {
            inputs.add(new Reason(TensionSettings.SCAN, Math.log10(bestHit.recurrenceDays()), () -> String.format(Locale.ROOT,
                    "space-time scan cluster %s–%s: %d observed against %.1f expected, recurrence %.0f days",
                    bestHit.start(), bestHit.end(), bestHit.observed(), bestHit.expected(), bestHit.recurrenceDays()),
                    () -> List.of(bestHit.id())));
        }
        inputs.add(new Reason(TensionSettings.MULTI_AGENCY, tally.multiAgency[0],
                () -> tally.multiAgency[0] + " incident(s) reported by more than one agency in 24h",
                () -> Publish.capped(tally.multiAgencyIds())));
        List<String> emergingCells = r.emergingCells();
        inputs.add(new Reason(TensionSettings.EMERGING, emergingCells.size(),
                () -> emergingCells.size() + " emerging hot-spot cell(s)", () -> Publish.capped(emergingCells)));
    }

    private static Reason risk(String signal, double value, Supplier<List<AreaRisk.RiskContribution>> parts,
            Supplier<String> what) {
        return new Reason(signal, value, () -> {
            List<String> evidence = new ArrayList<>();
            Set<String> details = new LinkedHashSet<>();
            for (AreaRisk.RiskContribution c : parts.get()) {
                if (!evidence.contains(c.incident())) {
                    evidence.add(c.incident());
                }
                if (c.detail() != null && !c.detail().isBlank()) {
                    details.add(c.detail());
                }
            }
            return evidence.size() + " " + what.get()
                    + (details.isEmpty() ? "" : ": " + String.join("; ", Publish.capped(new ArrayList<>(details))));
        }, () -> {
            List<String> evidence = new ArrayList<>();
            for (AreaRisk.RiskContribution c : parts.get()) {
                if (!evidence.contains(c.incident())) {
                    evidence.add(c.incident());
                }
            }
            return Publish.capped(evidence);
        });
    }

    /** The score alone, without explanations. */
    TensionScore score(List<Reason> reasons) {
        List<TensionInput> bare = new ArrayList<>(reasons.size());
        reasons.forEach(r -> bare.add(r.bare()));
        return lad.context().tension().score(bare);
    }

    /** The tension last published, as {@code labels} keep it (null: none). */
    /**
     * {@link #previous(Map)} of an area's labels, remembered while they are the same map: most
     * evaluations publish nothing, and parsing the published score was a tenth of their time.
     */
    TensionScore previous(String areaKey, Map<String, String> labels) {
        Map<String, Parsed> memo = lad.cache().previousTension;
        Parsed parsed = memo.get(areaKey);
        if (parsed == null || parsed.labels() != labels) {
            parsed = new Parsed(labels, previous(labels));
            memo.put(areaKey, parsed);
        }
        return parsed.score();
    }

    /**
     * The area's tension {@code published} was just written into its {@code labels} in state (by
     * {@link #publish}): remembered as {@link #previous(Map)} would read it back from them, without
     * parsing. The labels hold the score as {@link Double#toString}, which {@link Double#parseDouble}
     * turns back into the same double, the level as it is and its index as {@link Integer#toString}.
     */
    void remember(String areaKey, Map<String, String> labels, TensionScore published) {
        lad.cache().previousTension.put(areaKey, new Parsed(labels, asRead(published)));
    }

    /** What {@link #previous(Map)} reads from labels {@link #label}led with {@code score}. */
    static TensionScore asRead(TensionScore score) {
        return new TensionScore(score.score(), score.level(), score.levelIndex(), List.of());
    }

    /** Writes a published tension {@code score} into an area's labels. */
    static void label(Map<String, String> labels, TensionScore score) {
        labels.put("level", score.level());
        labels.put("level_index", Integer.toString(score.levelIndex()));
        labels.put("tension_published", Double.toString(score.score()));
    }

    /** An area's labels and the tension they say was last published. */
    record Parsed(Map<String, String> labels, TensionScore score) {}

    static TensionScore previous(Map<String, String> labels) {
        return !labels.containsKey("level") ? null
                : new TensionScore(Double.parseDouble(labels.get("tension_published")), labels.get("level"),
                        Integer.parseInt(labels.get("level_index")), List.of());
    }

    /** Whether {@code score} is to be published after {@code previous} (null: none yet). */
    boolean changed(TensionScore previous, TensionScore score) {
        return lad.context().tension().changed(previous, score);
    }

    /**
     * Publishes the area's tension {@code score}, which {@link #changed} from {@code previous}, with
     * its explanation from {@code reasons} (read only now), and writes the new level into {@code labels}.
     */
    void publish(String layer, String code, Supplier<List<Reason>> explained, TensionScore score, TensionScore previous,
            Map<String, String> labels, long asOf) {
        if (!lad.out().tensionRead()) {
            label(labels, score); // what the next evaluations read; the update itself would go nowhere
            return;
        }
        List<Reason> reasons = explained.get();
        List<TensionInput> full = new ArrayList<>(reasons.size());
        Map<String, Double> weights = lad.context().tension().settings().weights();
        for (Reason r : reasons) {
            // An input that adds nothing is not listed, so its explanation is never read.
            Double weight = weights.get(r.signal());
            boolean counts = weight != null && weight != 0 && r.value() != 0 && !Double.isNaN(r.value());
            full.add(counts ? r.full() : r.bare());
        }
        List<TensionContribution> why = new ArrayList<>();
        for (org.ember.geo.tension.TensionContribution c : lad.context().tension().score(full).contributions()) {
            why.add(new TensionContribution(c.signal(), Publish.round(c.value()), c.weight(), Publish.round(c.points()),
                    c.detail(), c.evidence()));
        }
        lad.out().tension(new TensionUpdate(TensionUpdate.TYPE, layer, code, lad.lad(), asOf, Publish.round(score.score()),
                score.level(), score.levelIndex(), previous == null ? null : previous.level(), why));
        label(labels, score);
    }
}
