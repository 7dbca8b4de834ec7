package org.ember.rules.lint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.ember.model.CountVocabulary;
import org.ember.model.metrics.MetricVocabulary;
import org.ember.rules.AllOf;
import org.ember.rules.AnyOf;
import org.ember.rules.Comparison;
import org.ember.rules.Condition;
import org.ember.rules.DurationText;
import org.ember.rules.Numbers;
import org.ember.rules.Rule;
import org.ember.rules.RuleFileLoader;
import org.ember.rules.RuleFileProblem;
import org.ember.rules.areas.KnownAreas;

/**
 * Finds rules that are valid but probably not what their author meant: duplicates, a {@code for}
 * longer than the window it watches, a resolve condition that can hold while the firing one does
 * (the alert would flap), and, given the routing, alerts no route would deliver. Every finding is a
 * warning at the rule's file, line and column.
 */
public final class RuleLinter {
    private static final int MAX_COMBINATIONS = 100_000;

    private final KnownAreas areas;
    private final RouteCheck routes;

    /**
     * @param areas  the deployment's areas, to enumerate the local authorities a rule's alerts fall in; may be null
     * @param routes the routing check, or null to skip that lint
     */
    public RuleLinter(KnownAreas areas, RouteCheck routes) {
        this.areas = areas;
        this.routes = routes;
    }

    public List<RuleFileProblem> lint(List<RuleFileLoader.RuleSource> sources) {
        List<RuleFileProblem> warnings = new ArrayList<>();
        Map<String, RuleFileLoader.RuleSource> definitions = new HashMap<>();
        for (RuleFileLoader.RuleSource source : sources) {
            Rule rule = source.rule();
            String definition = String.join("|", rule.areas().text(), rule.when().text(),
                    rule.resolve() == null ? "-" : rule.resolve().text(), Long.toString(rule.forMillis()),
                    Long.toString(rule.keepFiringForMillis()));
            RuleFileLoader.RuleSource same = definitions.putIfAbsent(definition, source);
            if (same != null) {
                RuleFileProblem first = same.problem(null, "");
                warnings.add(source.problem("name", "warning: rule '" + rule.name() + "' has the same areas, conditions and"
                        + " timing as rule '" + same.rule().name() + "' (" + first.file() + ":" + first.line() + "): a duplicate"));
            }
            duplicateComparisons(source, "when", rule.when(), warnings);
            if (rule.resolve() != null) {
                duplicateComparisons(source, "resolve", rule.resolve(), warnings);
            }
            forLongerThanWindow(source, warnings);
            resolveOverlaps(source, warnings);
            if (routes != null) {
                undelivered(source, warnings);
            }
        }
        return warnings;
    }

    private static void duplicateComparisons(RuleFileLoader.RuleSource source, String key, Condition condition,
            List<RuleFileProblem> warnings) {
        List<Condition> parts = condition instanceof AllOf all ? all.conditions()
                : condition instanceof AnyOf any ? any.conditions() : List.of();
        Set<String> seen = new java.util.HashSet<>();
        for (Condition part : parts) {
            if (!seen.add(part.text())) {
                warnings.add(source.problem(key, "warning: '" + part.text() + "' appears twice in the same "
                        + (condition instanceof AllOf ? "all" : "any")));
            }
            duplicateComparisons(source, key, part, warnings);
        }
    }

    private static void forLongerThanWindow(RuleFileLoader.RuleSource source, List<RuleFileProblem> warnings) {
        Rule rule = source.rule();
        if (rule.forMillis() == 0) {
            return;
        }
        for (Comparison c : rule.when().comparisons()) {
            String window = MetricVocabulary.parse(c.metric()).name().map(n -> n.labels().get("window")).orElse(null);
            if (window != null && CountVocabulary.isWindow(window)
                    && rule.forMillis() > CountVocabulary.windowLength(window).toMillis()) {
                warnings.add(source.problem("for", "warning: 'for' is " + DurationText.format(Duration.ofMillis(rule.forMillis()))
                        + ", longer than the " + window + " window of " + c.metric()
                        + ": the same reports cannot keep it true that long; use a longer window or a shorter 'for'"));
                return;
            }
        }
    }

    private static void resolveOverlaps(RuleFileLoader.RuleSource source, List<RuleFileProblem> warnings) {
        Rule rule = source.rule();
        if (rule.resolve() == null) {
            return;
        }
        Map<String, Double> example = overlap(rule.when(), rule.resolve());
        if (example != null) {
            StringBuilder at = new StringBuilder();
            example.forEach((metric, value) -> at.append(at.length() == 0 ? "" : ", ").append(metric).append(" = ")
                    .append(Numbers.format(value)));
            warnings.add(source.problem("resolve", "warning: the resolve condition is not stricter than the firing one:"
                    + " both hold when " + at + ", so the alert would resolve and fire again at once; make 'resolve' hold"
                    + " only where 'when' does not (e.g. fire at >= 5, resolve at < 3)"));
        }
    }

    /** Metric values at which both conditions hold, or null if none of the telling values does. */
    static Map<String, Double> overlap(Condition when, Condition resolve) {
        Map<String, Set<Double>> candidates = new LinkedHashMap<>();
        List<Comparison> all = new ArrayList<>(when.comparisons());
        all.addAll(resolve.comparisons());
        for (Comparison c : all) {
            Set<Double> values = candidates.computeIfAbsent(c.metric(), m -> new TreeSet<>(List.of(0.0)));
            double t = c.threshold();
            for (double v : new double[] {t - 1, t - 0.5, t - 1e-6, t, t + 1e-6, t + 0.5, t + 1}) {
                values.add(v);
            }
        }
        long combinations = 1;
        for (Set<Double> values : candidates.values()) {
            combinations *= values.size();
            if (combinations > MAX_COMBINATIONS) {
                return null;
            }
        }
        List<String> metrics = new ArrayList<>(candidates.keySet());
        List<List<Double>> values = metrics.stream().map(m -> List.copyOf(candidates.get(m))).toList();
        int[] index = new int[metrics.size()];
        Map<String, Double> point = new LinkedHashMap<>();
        while (true) {
            for (int i = 0; i < metrics.size(); i++) {
                point.put(metrics.get(i), values.get(i).get(index[i]));
            }
            if (when.holds(m -> point.getOrDefault(m, 0.0)) && resolve.holds(m -> point.getOrDefault(m, 0.0))) {
                return point;
            }
            int i = 0;
            while (i < index.length && ++index[i] == values.get(i).size()) {
                index[i] = 0;
                i++;
            }
            if (i == index.length) {
                return null;
            }
        }
    }

    private void undelivered(RuleFileLoader.RuleSource source, List<RuleFileProblem> warnings) {
        Rule rule = source.rule();
        Set<String> lads = new LinkedHashSet<>();
        if ("lad".equals(rule.areas().layer()) && !rule.areas().ids().isEmpty()) {
            lads.addAll(new TreeSet<>(rule.areas().ids()));
        } else if (!rule.areas().within().isEmpty()) {
            lads.addAll(new TreeSet<>(rule.areas().within()));
        } else if ("lsoa".equals(rule.areas().layer()) && !rule.areas().ids().isEmpty() && areas != null) {
            rule.areas().ids().forEach(id -> lads.add(areas.ladOf(id)));
        } else if (areas != null && !"cell".equals(rule.areas().layer())) {
            areas.lsoas().forEach(lsoa -> lads.add(areas.ladOf(lsoa)));
        }
        if (lads.isEmpty()) {
            lads.add(null);
        }
        List<String> missed = new ArrayList<>();
        String why = null;
        for (String lad : new TreeSet<>(lads.stream().map(l -> l == null ? "" : l).toList())) {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("alertname", rule.name());
            labels.put("severity", rule.severity());
            labels.put("layer", rule.areas().layer());
            labels.put("area", "");
            if (!lad.isEmpty()) {
                labels.put("lad", lad);
            }
            labels.putAll(rule.labels());
            String reason = routes.undelivered(labels);
            if (reason != null) {
                missed.add(lad.isEmpty() ? "(any area)" : lad);
                why = reason;
            }
        }
        if (!missed.isEmpty()) {
            warnings.add(source.problem("name", "warning: no route would deliver alerts of rule '" + rule.name() + "' in "
                    + String.join(", ", missed) + " (" + why + ")"));
        }
    }
}
