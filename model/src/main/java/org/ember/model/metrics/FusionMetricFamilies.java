package org.ember.model.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metric families the multi-agency fusion stage publishes (source "fusion"), registered in
 * {@link MetricVocabulary}, and helpers that spell their canonical names. Documented in
 * {@code docs/metrics-vocabulary.md}.
 */
public final class FusionMetricFamilies {
    public static final List<String> INCIDENT_WINDOWS = List.of("24h", "7d");
    public static final List<String> INCIDENT_KINDS = List.of("all", "multi_agency", "health_only", "serious");
    public static final List<String> GI_WINDOWS = List.of("7d");
    private static final List<String> AREAS = List.of("lsoa", "lad");
    private static final List<String> CELLS_AND_AREAS = List.of("cell", "lsoa", "lad");

    private FusionMetricFamilies() {}

    public static List<MetricDefinition> definitions() {
        List<MetricDefinition> out = new ArrayList<>();
        out.add(new MetricDefinition("incidents", labels("window", INCIDENT_WINDOWS, "kind", INCIDENT_KINDS), CELLS_AND_AREAS,
                "Linked incidents (each real event once, however many agencies reported it) in the window; kind "
                        + "multi_agency = reported by two or more agencies, health_only = health services only, "
                        + "serious = raising near-repeat risk."));
        out.add(new MetricDefinition("distinct_agencies", labels("window", INCIDENT_WINDOWS), AREAS,
                "Number of agencies (police, ambulance, ae, navigator, intel) with a report in the area in the window."));
        out.add(new MetricDefinition("health_only_share", labels("window", INCIDENT_WINDOWS), AREAS,
                "Share of the health-recorded assaults (ambulance or A&E) in the window that the police have no report "
                        + "of; absent when health recorded none."));
        out.add(new MetricDefinition("gi_z", labels("window", GI_WINDOWS), List.of("cell"),
                "Getis-Ord Gi* z-score of the cell's linked incidents in the window."));
        out.add(new MetricDefinition("gi_z_max", labels("window", GI_WINDOWS), AREAS,
                "Highest Gi* z-score among the area's cells with an incident in the window."));
        out.add(new MetricDefinition("hot_cells", labels("window", GI_WINDOWS), AREAS,
                "Cells of the area that are hot: Gi* bin at least the configured one and enough incidents."));
        out.add(new MetricDefinition("cluster_members", Map.of(), CELLS_AND_AREAS,
                "Linked incidents of the area that belong to a live ST-DBSCAN space-time cluster."));
        out.add(new MetricDefinition("clusters", Map.of(), AREAS,
                "Live ST-DBSCAN space-time clusters with a member in the area."));
        out.add(new MetricDefinition("scan_recurrence_days", Map.of(), AREAS,
                "Recurrence interval in days of the most unusual cluster of the latest daily prospective space-time "
                        + "scan that covers the area; 0 when none."));
        // The stream scans LSOA centroids (as the daily scan does), so there is no grid-cell value to read.
        out.add(new MetricDefinition("early_warning_score", Map.of(), AREAS,
                "Expectation-based Poisson LLR of the strongest early-warning cluster of the latest day covering the "
                        + "area (the scan's locations are LSOA centroids; the authority takes the highest of its LSOAs; "
                        + "cases against each location's seasonal baseline, alerted rises absorbed); 0 when none. "
                        + "Calibrated thresholds are in docs/detection.md."));
        out.add(new MetricDefinition("emerging_hot_cells", Map.of(), AREAS,
                "Cells of the area whose emerging hot-spot category is hot now (new, consecutive, intensifying, "
                        + "persistent, diminishing, sporadic or oscillating)."));
        out.add(new MetricDefinition("seasonal_observed", labels("window", List.of()), List.of("lad"),
                "Police-recorded incidents in the window (the series the seasonal baseline learns)."));
        out.add(new MetricDefinition("seasonal_expected", labels("window", List.of()), List.of("lad"),
                "Expected count for the window from the area's seasonal baseline and calendar."));
        out.add(new MetricDefinition("seasonal_exceedance_probability", labels("window", List.of()), List.of("lad"),
                "P(count >= observed) under the seasonal baseline; small = unusual."));
        out.add(new MetricDefinition("seasonal_exceedance", labels("window", List.of()), List.of("lad"),
                "-log10 of the exceedance probability: 0 unremarkable, 2 one in a hundred, 3 one in a thousand."));
        out.add(new MetricDefinition("near_repeat_risk", Map.of(), AREAS,
                "Near-repeat risk from serious incidents in or near the area, fading over distance and time."));
        out.add(new MetricDefinition("rivalry_risk", Map.of(), AREAS,
                "Retaliation risk carried from serious incidents in areas with a configured rivalry."));
        out.add(new MetricDefinition("intel_tension", Map.of(), AREAS,
                "Community-tension intelligence: level value times grading, fading; negative when reassuring."));
        out.add(new MetricDefinition("navigator_risk", Map.of(), AREAS,
                "Navigator high-risk assessments and safeguarding referrals, fading."));
        out.add(new MetricDefinition("tension_score", Map.of(), AREAS,
                "The area's tension score: weighted sum of its signals (see ember.tension for the explanation)."));
        out.add(new MetricDefinition("tension_level", Map.of(), AREAS,
                "Index of the configured tension level the score reaches (0 = lowest)."));
        return out;
    }

    private static Map<String, List<String>> labels(String name, List<String> values) {
        Map<String, List<String>> labels = new LinkedHashMap<>();
        labels.put(name, values);
        return labels;
    }

    private static Map<String, List<String>> labels(String a, List<String> aValues, String b, List<String> bValues) {
        Map<String, List<String>> labels = labels(a, aValues);
        labels.put(b, bValues);
        return labels;
    }

    public static String incidents(String window, String kind) {
        return "incidents{window=" + window + ",kind=" + kind + "}";
    }

    public static String windowed(String family, String window) {
        return family + "{window=" + window + "}";
    }
}
