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
 * for an update that is published: most evaluations publish nothing.
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
                    tally.clusters.forEach(c -> clusterIds.add(lad.lad() + ":" + c));
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
    static TensionScore previous(Map<String, String> labels) {
        return !labels.containsKey("level") ? null
                : new TensionScore(Double.parseDouble(labels.get("tension_published")), labels.get("level"),
                        Integer.parseInt(labels.get("level_index")), List.of());
    }

    /** Whether {@link #publish} would publish {@code score} over what {@code labels} say was published. */
    boolean wouldPublish(Map<String, String> labels, TensionScore score) {
        return lad.context().tension().changed(previous(labels), score);
    }

    /**
     * Publishes the area's tension if it changed from what {@code labels} say was last published,
     * writing the new level into {@code labels}.
     */
    void publish(String layer, String code, List<Reason> reasons, TensionScore score, Map<String, String> labels,
            long asOf) {
        TensionScore previous = previous(labels);
        if (!lad.context().tension().changed(previous, score)) {
            return;
        }
        List<TensionInput> full = new ArrayList<>(reasons.size());
        reasons.forEach(r -> full.add(r.full()));
        TensionScore explained = lad.context().tension().score(full);
        List<TensionContribution> why = new ArrayList<>();
        for (org.ember.geo.tension.TensionContribution c : explained.contributions()) {
            why.add(new TensionContribution(c.signal(), Publish.round(c.value()), c.weight(), Publish.round(c.points()),
                    c.detail(), c.evidence()));
        }
        lad.out().tension(new TensionUpdate(TensionUpdate.TYPE, layer, code, lad.lad(), asOf, Publish.round(score.score()),
                score.level(), score.levelIndex(), previous == null ? null : previous.level(), why));
        labels.put("level", score.level());
        labels.put("level_index", Integer.toString(score.levelIndex()));
        labels.put("tension_published", Double.toString(score.score()));
    }
}
