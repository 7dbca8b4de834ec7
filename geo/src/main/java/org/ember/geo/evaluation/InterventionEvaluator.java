package org.ember.geo.evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Evaluates one intervention against weekly offence counts: matches comparison areas, builds the
 * panel of pre- and intervention weeks, and estimates the effect (difference-in-differences with
 * cluster-robust and placebo inference, event study with a pre-trend test) and the displacement
 * into the surrounding ring. When the data cannot tell (too few weeks, areas or offences, or too few
 * placebo assignments for a 5% test) it says so and gives no number.
 */
public final class InterventionEvaluator {
    private final WeeklyCounts counts;
    private final Function<String, Double> deprivation;
    private final Function<String, Set<String>> ring;
    private final EvaluationSettings settings;

    /**
     * @param deprivation rank fraction of an area (0 = most deprived), NaN when unknown
     * @param ring        the areas or cells surrounding one area
     */
    public InterventionEvaluator(WeeklyCounts counts, Function<String, Double> deprivation, Function<String, Set<String>> ring,
            EvaluationSettings settings) {
        this.counts = counts;
        this.deprivation = deprivation;
        this.ring = ring;
        this.settings = settings;
    }

    /**
     * @param exclude areas never used as comparisons (e.g. every area treated by any intervention
     *                overlapping this one's weeks)
     */
    public InterventionEvaluation evaluate(Treatment t, Set<String> exclude) {
        int firstPost = counts.weekOf(t.start());
        int endWeek = counts.weekOf(t.end().minusMillis(1)) + 1;
        int firstWeek = Math.max(0, firstPost - settings.preWeeks());
        List<String> treated = new ArrayList<>(new TreeSet<>(t.units()));
        Set<String> ringUnits = new TreeSet<>();
        for (String u : treated) {
            ringUnits.addAll(ring.apply(u));
        }
        ringUnits.removeAll(t.units());
        List<String> ringList = List.copyOf(ringUnits);
        if (firstPost - firstWeek < settings.minPreWeeks()) {
            return notEstimated(t, "only " + Math.max(0, firstPost - firstWeek) + " weeks of data before the start (need "
                    + settings.minPreWeeks() + ")", ringList, firstWeek);
        }
        if (endWeek > counts.weeks()) {
            return notEstimated(t, "the intervention runs past the end of the evaluated period", ringList, firstWeek);
        }
        int preWeeks = firstPost - firstWeek;
        Map<String, ComparisonMatcher.Profile> profiles = new HashMap<>();
        for (String u : counts.units()) {
            profiles.put(u, profile(u, firstWeek, firstPost, preWeeks));
        }
        for (String u : treated) {
            profiles.putIfAbsent(u, profile(u, firstWeek, firstPost, preWeeks));
        }
        Set<String> excluded = new LinkedHashSet<>(exclude);
        excluded.addAll(t.units());
        excluded.addAll(ringUnits);
        int wanted = Math.max(settings.comparisonsPerTreated() * treated.size(), settings.minComparison());
        List<ComparisonMatcher.Profile> treatedProfiles = treated.stream().map(profiles::get).toList();
        List<String> comparison = matchSpread(treatedProfiles, profiles, excluded, wanted);
        if (comparison.size() < settings.minComparison()) {
            return notEstimated(t, "only " + comparison.size() + " comparison areas (need " + settings.minComparison() + ")",
                    ringList, firstWeek);
        }
        long treatedPre = 0;
        for (String u : treated) {
            treatedPre += counts.total(u, firstWeek, firstPost);
        }
        if (treatedPre < settings.minTreatedPreCount()) {
            return notEstimated(t, "only " + treatedPre + " offences in the treated areas before the start (need "
                    + settings.minTreatedPreCount() + ")", ringList, firstWeek);
        }
        List<String> units = new ArrayList<>(treated);
        units.addAll(comparison);
        int periods = endWeek - firstWeek;
        double[][] y = new double[units.size()][periods];
        boolean[] isTreated = new boolean[units.size()];
        for (int i = 0; i < units.size(); i++) {
            isTreated[i] = i < treated.size();
            for (int p = 0; p < periods; p++) {
                y[i][p] = counts.count(units.get(i), firstWeek + p);
            }
        }
        Panel panel = new Panel(units, y, isTreated, preWeeks);
        DidEstimate did = DifferenceInDifferences.estimate(panel);
        EventStudy.Result es = EventStudy.estimate(panel);
        PermutationInference.Result perm = PermutationInference.infer(panel, settings.permutations(), settings.seed(), settings.alpha());
        DisplacementQuotient wdq = displacement(treated, ringList, comparison, firstWeek, firstPost, endWeek);
        // The ring gets comparison areas of its own, matched to its cells: those of the treated
        // areas are busier, and areas of different rates drift apart with the seasons.
        List<String> ringComparison = ringList.isEmpty() ? List.of()
                : matchSpread(ringList.stream().map(u -> profiles.computeIfAbsent(u, v -> profile(v, firstWeek, firstPost, preWeeks)))
                        .toList(), profiles, excluded, Math.max(ringList.size(), settings.minComparison()));
        PermutationInference.Result ringTest = ringComparison.size() < settings.minComparison() ? null
                : ringTest(ringList, ringComparison, firstWeek, endWeek, preWeeks);
        double[][] balance = {ComparisonMatcher.balance(treated, profiles), ComparisonMatcher.balance(comparison, profiles)};
        if (Double.isNaN(perm.low())) {
            return new InterventionEvaluation(t, Verdict.NOT_ESTIMATED,
                    "too few placebo assignments (" + perm.assignments() + ") for a " + Math.round(100 * (1 - settings.alpha()))
                            + "% interval",
                    comparison, ringList, firstWeek, panel, null, es, perm, wdq, ringTest, balance);
        }
        Verdict verdict = perm.high() < 0 ? Verdict.REDUCTION : perm.low() > 0 ? Verdict.INCREASE : Verdict.NO_EVIDENCE_EITHER_WAY;
        String reason = perm.preTrendP() < 0.05
                ? "treated and comparison areas already had different trends before the start (placebo pre-trend p = "
                        + String.format(java.util.Locale.ROOT, "%.3f", perm.preTrendP()) + "): treat the estimate with caution"
                : "";
        return new InterventionEvaluation(t, verdict, reason, comparison, ringList, firstWeek, panel, did, es, perm, wdq, ringTest, balance);
    }

    /** Matches once per treated area, then tops up from the nearest remaining candidates to {@code wanted}. */
    private List<String> matchSpread(List<ComparisonMatcher.Profile> treated, Map<String, ComparisonMatcher.Profile> profiles,
            Set<String> excluded, int wanted) {
        int perTreated = Math.max(1, (wanted + treated.size() - 1) / treated.size());
        List<String> chosen = ComparisonMatcher.match(treated, profiles.values(), excluded, perTreated);
        return chosen.size() > wanted ? chosen.subList(0, wanted) : chosen;
    }

    private ComparisonMatcher.Profile profile(String u, int from, int to, int weeks) {
        Double dep = deprivation.apply(u);
        return new ComparisonMatcher.Profile(u, counts.total(u, from, to) / (double) weeks, dep == null ? Double.NaN : dep);
    }

    private DisplacementQuotient displacement(List<String> treated, List<String> ringUnits, List<String> control, int from, int start,
            int end) {
        double cb = sum(control, from, start);
        double ca = sum(control, start, end);
        if (ringUnits.isEmpty() || cb <= 0 || ca <= 0) {
            return null;
        }
        return new DisplacementQuotient(sum(treated, from, start), sum(treated, start, end), sum(ringUnits, from, start),
                sum(ringUnits, start, end), cb, ca);
    }

    /**
     * The ring's own difference-in-differences against the same comparison areas, with placebo
     * inference: whether its change is beyond chance, which the quotient alone cannot say.
     */
    private PermutationInference.Result ringTest(List<String> ringUnits, List<String> comparison, int firstWeek, int endWeek, int preWeeks) {
        if (ringUnits.isEmpty()) {
            return null;
        }
        List<String> units = new ArrayList<>(ringUnits);
        units.addAll(comparison);
        double[][] y = new double[units.size()][endWeek - firstWeek];
        boolean[] isRing = new boolean[units.size()];
        for (int i = 0; i < units.size(); i++) {
            isRing[i] = i < ringUnits.size();
            for (int p = 0; p < y[i].length; p++) {
                y[i][p] = counts.count(units.get(i), firstWeek + p);
            }
        }
        return PermutationInference.infer(new Panel(units, y, isRing, preWeeks), settings.permutations(), settings.seed() + 1,
                settings.alpha());
    }

    private double sum(List<String> units, int from, int to) {
        double s = 0;
        for (String u : units) {
            s += counts.total(u, from, to);
        }
        return s;
    }

    private static InterventionEvaluation notEstimated(Treatment t, String reason, List<String> ring, int firstWeek) {
        return new InterventionEvaluation(t, Verdict.NOT_ESTIMATED, reason, List.of(), ring, firstWeek, null, null, null, null, null, null,
                null);
    }
}
