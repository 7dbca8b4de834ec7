package org.ember.model.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ember.model.CountVocabulary;

/**
 * The metrics rule files may name, written Prometheus-style: {@code family{label=value,…}}, labels
 * in any order. Families are registered here, in one place, with the labels each takes; this is
 * what {@code docs/metrics-vocabulary.md} documents and what rule checking validates against.
 */
public final class MetricVocabulary {
    private static final Pattern NAME = Pattern.compile("([a-z_][a-z0-9_]*)(?:\\{([^}]*)})?");
    private static final Map<String, MetricDefinition> FAMILIES = new LinkedHashMap<>();

    static {
        Map<String, List<String>> countLabels = new LinkedHashMap<>();
        countLabels.put("window", CountVocabulary.WINDOWS);
        countLabels.put("feed", CountVocabulary.FEEDS);
        countLabels.put("category", CountVocabulary.CATEGORIES);
        register(new MetricDefinition("count", countLabels, List.of("lsoa", "lad"),
                "Reports in the window ending at the hour boundary, by feed and category (corrections applied)."));
        FusionMetricFamilies.definitions().forEach(MetricVocabulary::register);
    }

    private MetricVocabulary() {}

    /** Adds a metric family; stages that publish new metrics register them in a static block here. */
    public static synchronized void register(MetricDefinition definition) {
        FAMILIES.put(definition.name(), definition);
    }

    public static synchronized List<MetricDefinition> families() {
        return Collections.unmodifiableList(new ArrayList<>(FAMILIES.values()));
    }

    /** A parsed metric reference. */
    public record MetricName(String family, Map<String, String> labels) {
        /** The canonical spelling: labels in the family's order. */
        public String canonical() {
            if (labels.isEmpty()) {
                return family;
            }
            StringBuilder out = new StringBuilder(family).append('{');
            String sep = "";
            for (Map.Entry<String, String> label : labels.entrySet()) {
                out.append(sep).append(label.getKey()).append('=').append(label.getValue());
                sep = ",";
            }
            return out.append('}').toString();
        }
    }

    /**
     * Parses and checks a metric reference.
     *
     * @return the canonical name, or a message saying what is wrong
     */
    public static synchronized Result parse(String text) {
        Matcher m = NAME.matcher(text.replace(" ", ""));
        if (!m.matches()) {
            return Result.problem("'" + text + "' is not a metric name like count{window=24h,feed=any,category=weapon}");
        }
        MetricDefinition family = FAMILIES.get(m.group(1));
        if (family == null) {
            return Result.problem("unknown metric '" + m.group(1) + "'; known: " + FAMILIES.keySet());
        }
        Map<String, String> given = new LinkedHashMap<>();
        if (m.group(2) != null && !m.group(2).isEmpty()) {
            for (String pair : m.group(2).split(",")) {
                String[] kv = pair.split("=", 2);
                if (kv.length != 2) {
                    return Result.problem("label '" + pair + "' of " + text + " is not name=value");
                }
                given.put(kv[0], kv[1]);
            }
        }
        Map<String, String> canonical = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> label : family.labels().entrySet()) {
            String value = given.remove(label.getKey());
            if (value == null) {
                return Result.problem("metric " + family.name() + " needs label '" + label.getKey() + "'"
                        + (label.getValue().isEmpty() ? "" : " (one of " + label.getValue() + ")"));
            }
            if (!label.getValue().isEmpty() && !label.getValue().contains(value)) {
                return Result.problem("label " + label.getKey() + "='" + value + "' of " + family.name()
                        + " is not one of " + label.getValue());
            }
            canonical.put(label.getKey(), value);
        }
        if (!given.isEmpty()) {
            return Result.problem("metric " + family.name() + " has no label(s) " + given.keySet());
        }
        return new Result(Optional.of(new MetricName(family.name(), canonical)), null);
    }

    /** A parsed name or a problem. */
    public record Result(Optional<MetricName> name, String problem) {
        static Result problem(String message) {
            return new Result(Optional.empty(), message);
        }
    }
}
