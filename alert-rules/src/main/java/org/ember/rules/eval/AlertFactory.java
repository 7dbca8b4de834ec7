package org.ember.rules.eval;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ember.model.Alert;
import org.ember.model.metrics.MetricVocabulary;
import org.ember.rules.AreaNames;
import org.ember.rules.Comparison;
import org.ember.rules.DurationText;
import org.ember.rules.Fingerprints;
import org.ember.rules.MetricLookup;
import org.ember.rules.Numbers;
import org.ember.rules.Rule;
import org.ember.rules.TemplateText;

/**
 * Builds the published form of one alert transition: labels for routing (alertname, severity,
 * layer, area, lad and the rule's own), annotations rendered from the rule's templates, the CAP
 * fields as {@code cap_*} annotations, and a fingerprint from rule, area and episode.
 */
public final class AlertFactory {
    /** Annotation set on alerts resolved because their rule was removed or edited by a reload. */
    public static final String RESOLVED_REASON = "resolved_reason";

    private static final DateTimeFormatter LONDON =
            DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.UK).withZone(ZoneId.of("Europe/London"));

    private final AreaNames names;
    /**
     * The rule set's templates, parsed once: a factory lives as long as its evaluator's rule set, so
     * this holds the annotations of those rules (and the default summary), no more.
     */
    private final Map<String, TemplateText.Template> templates = new ConcurrentHashMap<>();

    public AlertFactory(AreaNames names) {
        this.names = names;
    }

    /** One area's identity as alerts name it. */
    public record Place(String layer, String areaId, String areaName, String lad) {}

    public Place place(String layer, String areaId) {
        return new Place(layer, areaId, names.areaName(layer, areaId), names.lad(layer, areaId));
    }

    /**
     * @param state     "firing" or "resolved"
     * @param eventTime event time of the transition
     * @param reason    why a resolved alert resolved when it is not its condition (a reload), else null
     */
    public Alert create(Rule rule, Place place, RuleState ruleState, String state, long eventTime, MetricLookup values,
            String reason) {
        Comparison primary = reported(rule, values);
        double value = values.value(primary.metric());
        Map<String, String> annotations = new LinkedHashMap<>();
        for (Map.Entry<String, String> a : rule.annotations().entrySet()) {
            annotations.put(a.getKey(), render(a.getValue(), rule, place, ruleState, eventTime, values));
        }
        String summary = annotations.containsKey(Rule.SUMMARY)
                ? annotations.get(Rule.SUMMARY)
                : render(Rule.DEFAULT_SUMMARY, rule, place, ruleState, eventTime, values);
        if (Alert.RESOLVED.equals(state)) {
            long firedAt = ruleState.firedAt() == 0 ? ruleState.since() : ruleState.firedAt();
            summary = "Resolved after " + hours(eventTime - firedAt) + ": " + summary;
        }
        annotations.put(Rule.SUMMARY, summary);
        if (rule.cap() != null) {
            annotations.put("cap_category", rule.cap().category());
            annotations.put("cap_urgency", rule.cap().urgency());
            annotations.put("cap_certainty", rule.cap().certainty());
        }
        if (reason != null) {
            annotations.put(RESOLVED_REASON, reason);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", rule.name());
        labels.put("severity", rule.severity());
        labels.put("layer", place.layer());
        labels.put("area", place.areaId());
        if (place.lad() != null) {
            labels.put("lad", place.lad());
        }
        labels.putAll(rule.labels());
        return new Alert(Fingerprints.of(rule.name(), place.layer(), place.areaId(), ruleState.since()), rule.name(), state,
                rule.severity(), place.layer(), place.areaId(), place.areaName(), place.lad(), ruleState.since(), eventTime,
                primary.metric(), value, primary.threshold(), summary, labels, annotations);
    }

    /**
     * The comparison an alert reports as its metric, value and threshold: the first one of
     * {@code when} that holds (for an {@code any}, the one that fired it), else the first one.
     */
    static Comparison reported(Rule rule, MetricLookup values) {
        for (Comparison c : rule.when().comparisons()) {
            if (c.holds(values)) {
                return c;
            }
        }
        return rule.primary();
    }

    private String render(String template, Rule rule, Place place, RuleState ruleState, long eventTime, MetricLookup values) {
        Comparison primary = reported(rule, values);
        return templates.computeIfAbsent(template, TemplateText::parse).render(e -> {
            if (e.metric() != null) {
                return Numbers.format(values.value(e.metric()));
            }
            if (e.variable() == null) {
                return e.source();
            }
            return switch (e.variable()) {
                case "rule" -> rule.name();
                case "group" -> rule.group();
                case "severity" -> rule.severity();
                case "area_name" -> place.areaName();
                case "area_id" -> place.areaId();
                case "layer" -> place.layer();
                case "lad" -> place.lad() == null ? "" : place.lad();
                case "lad_name" -> place.lad() == null ? "" : names.areaName("lad", place.lad());
                case "value" -> Numbers.format(values.value(primary.metric()));
                case "threshold" -> Numbers.format(primary.threshold());
                case "metric" -> primary.metric();
                case "window" -> window(primary.metric());
                case "for" -> DurationText.format(Duration.ofMillis(rule.forMillis()));
                case "keep_firing_for" -> DurationText.format(Duration.ofMillis(rule.keepFiringForMillis()));
                case "since" -> LONDON.format(Instant.ofEpochMilli(ruleState.since()));
                case "fired_at" -> LONDON.format(Instant.ofEpochMilli(ruleState.firedAt() == 0 ? eventTime : ruleState.firedAt()));
                // The fusion stage's explanation of a tension score; empty until it publishes one.
                case "why" -> "";
                default -> e.source();
            };
        });
    }

    /** "the last 24 hours" for a metric with a window label, else empty. */
    static String window(String metric) {
        String w = MetricVocabulary.parse(metric).name().map(n -> n.labels().get("window")).orElse(null);
        if (w == null) {
            return "";
        }
        return switch (w) {
            case "1h" -> "the last hour";
            case "24h" -> "the last 24 hours";
            case "7d" -> "the last 7 days";
            default -> "the last " + w;
        };
    }

    private static String hours(long millis) {
        long minutes = Math.max(0, millis / 60_000);
        if (minutes < 120) {
            return minutes + " min";
        }
        return (minutes / 60) + " h";
    }
}
