package org.ember.rules.delivery;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A metric in plain English, for people rather than rule authors:
 * {@code count{window=24h,feed=ambulance,category=weapon}} reads "weapon-related reports from the
 * ambulance service in the last 24 hours". Metrics it does not know are named by their family with
 * the underscores spaced out, so nothing is ever lost, only less well worded.
 */
public final class MetricWords {
    private static final Map<String, String> FEEDS = Map.of(
            "any", "any agency",
            "police", "the police",
            "ambulance", "the ambulance service",
            "ae", "A&E departments",
            "navigator", "hospital navigators",
            "intel", "community intelligence");
    private static final Map<String, String> CATEGORIES = Map.of(
            "any", "",
            "violence", "violence ",
            "weapon", "weapon-related ",
            "robbery", "robbery ",
            "public_order", "public order ",
            "navigator", "navigator ",
            "intel", "intelligence ",
            "other", "other ");
    private static final Map<String, String> WINDOWS = Map.of(
            "1h", "the last hour", "24h", "the last 24 hours", "7d", "the last 7 days", "28d", "the last 28 days");

    private MetricWords() {}

    /** The metric's family: {@code count} for {@code count{…}}. */
    public static String family(String metric) {
        int brace = metric == null ? -1 : metric.indexOf('{');
        return metric == null ? "" : brace < 0 ? metric : metric.substring(0, brace);
    }

    public static Map<String, String> labels(String metric) {
        Map<String, String> labels = new LinkedHashMap<>();
        int open = metric == null ? -1 : metric.indexOf('{');
        int close = metric == null ? -1 : metric.lastIndexOf('}');
        if (open < 0 || close < open) {
            return labels;
        }
        for (String pair : metric.substring(open + 1, close).split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                labels.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim().replace("\"", ""));
            }
        }
        return labels;
    }

    /** What the metric counts, e.g. "weapon-related reports from any agency in the last 24 hours". */
    public static String describe(String metric) {
        String family = family(metric);
        Map<String, String> labels = labels(metric);
        String window = labels.containsKey("window") ? " in " + WINDOWS.getOrDefault(labels.get("window"), labels.get("window")) : "";
        if (family.equals("count")) {
            String category = CATEGORIES.getOrDefault(labels.getOrDefault("category", "any"), labels.get("category") + " ");
            String feed = FEEDS.getOrDefault(labels.getOrDefault("feed", "any"), labels.get("feed"));
            return category + "reports from " + feed + window;
        }
        StringBuilder text = new StringBuilder(family.replace('_', ' '));
        labels.forEach((k, v) -> {
            if (!k.equals("window")) {
                text.append(' ').append(k.replace('_', ' ')).append(' ').append(v.replace('_', ' '));
            }
        });
        return text + window;
    }

    /**
     * The agencies a metric draws on, for texts that say where the evidence came from: a resolved
     * police-only count must not speak of "police and health services".
     */
    public static String sources(String metric) {
        if (!family(metric).equals("count")) {
            return "the agencies feeding Ember";
        }
        return FEEDS.getOrDefault(labels(metric).getOrDefault("feed", "any"), labels(metric).get("feed"));
    }
}
