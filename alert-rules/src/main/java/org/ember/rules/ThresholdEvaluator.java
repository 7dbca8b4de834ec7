package org.ember.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ember.model.Alert;
import org.ember.model.AreaCounts;

/**
 * Evaluates threshold rules against one area's counts and says which alerts start or stop. Pure:
 * the caller keeps the per-rule state (in Flink keyed state, or a map in {@code rules test}), so the
 * same class runs in the job, in rule tests and in backtests.
 */
public final class ThresholdEvaluator {
    private final List<ThresholdRule> rules;
    private final AreaNames names;

    public ThresholdEvaluator(List<ThresholdRule> rules, AreaNames names) {
        this.rules = List.copyOf(rules);
        this.names = names;
    }

    /**
     * Evaluates every rule of the counts' layer and updates {@code states} (rule name → state; a
     * rule absent from the map is not firing).
     *
     * @return the transitions, in rule order: a firing alert when a rule starts to hold, a
     *     resolved one when it stops
     */
    public List<Alert> evaluate(AreaCounts counts, Map<String, AlertState> states) {
        List<Alert> transitions = new ArrayList<>();
        for (ThresholdRule rule : rules) {
            if (!rule.layer().equals(counts.layer())) {
                continue;
            }
            long value = counts.counts()[rule.countIndex()];
            AlertState state = states.get(rule.name());
            boolean holds = value >= rule.threshold();
            if (holds && state == null) {
                states.put(rule.name(), new AlertState(counts.asOf(), value));
                transitions.add(alert(rule, counts, counts.asOf(), value, Alert.FIRING));
            } else if (holds) {
                states.put(rule.name(), new AlertState(state.episodeStart(), value));
            } else if (state != null) {
                states.remove(rule.name());
                transitions.add(alert(rule, counts, state.episodeStart(), value, Alert.RESOLVED));
            }
        }
        return transitions;
    }

    private Alert alert(ThresholdRule rule, AreaCounts counts, long episodeStart, long value, String state) {
        String areaName = names.areaName(counts.layer(), counts.areaId());
        String summary = TemplateText.render(rule.summary(), Map.of(
                "area_name", areaName,
                "area_id", counts.areaId(),
                "value", Long.toString(value),
                "threshold", Long.toString(rule.threshold()),
                "window", describe(rule.window())));
        if (Alert.RESOLVED.equals(state)) {
            summary = "Resolved after " + Duration.between(Instant.ofEpochMilli(episodeStart), Instant.ofEpochMilli(counts.asOf()))
                    .toHours() + " h: " + summary;
        }
        String lad = names.lad(counts.layer(), counts.areaId());
        Map<String, String> labels = new java.util.LinkedHashMap<>();
        labels.put("alertname", rule.name());
        labels.put("severity", rule.severity());
        labels.put("layer", counts.layer());
        labels.put("area", counts.areaId());
        if (lad != null) {
            labels.put("lad", lad);
        }
        return new Alert(Fingerprints.of(rule.name(), counts.layer(), counts.areaId(), episodeStart), rule.name(), state,
                rule.severity(), counts.layer(), counts.areaId(), areaName, lad, episodeStart, counts.asOf(),
                rule.metricName(), value, rule.threshold(), summary, labels, Map.of("summary", summary));
    }

    private static String describe(String window) {
        return switch (window) {
            case "1h" -> "the last hour";
            case "24h" -> "the last 24 hours";
            case "7d" -> "the last 7 days";
            default -> window;
        };
    }
}
