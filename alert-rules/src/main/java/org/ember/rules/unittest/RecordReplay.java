package org.ember.rules.unittest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.ember.fusion.FusionReplay;
import org.ember.model.Incident;
import org.ember.model.metrics.AreaMetrics;
import org.ember.model.metrics.FusionMetricFamilies;
import org.ember.model.metrics.MetricDefinition;
import org.ember.rules.RuleSet;
import org.ember.rules.areas.KnownAreas;
import org.ember.rules.counts.SimulatedCounts;

/**
 * A test case's partner records as the job takes them: ingested (contract, placement), counted, and
 * run through the fusion stage ({@link FusionReplay}) in arrival order, so a rule test can read
 * every metric the job derives from reports.
 */
final class RecordReplay {
    private final ReportInputs inputs;
    private final KnownAreas areas;

    RecordReplay(ReportInputs inputs, KnownAreas areas) {
        this.inputs = inputs;
        this.areas = areas;
    }

    /**
     * Adds the records' counts to {@code counts} and returns the fusion metrics they give, or adds
     * to {@code failures} why they cannot be derived.
     */
    List<AreaMetrics> metrics(RuleTestFile.Case test, RuleSet rules, SimulatedCounts counts, List<String> failures) {
        Set<String> fusionFamilies = new TreeSet<>();
        FusionMetricFamilies.definitions().stream().map(MetricDefinition::name).forEach(fusionFamilies::add);
        Set<String> given = new TreeSet<>();
        test.metrics().forEach(m -> given.add(family(m.metric())));
        Set<String> read = rules.metricFamilies();
        for (String family : read) {
            if ("count".equals(family) || given.contains(family)) {
                continue;
            }
            if (!fusionFamilies.contains(family)) {
                failures.add(test.recordsWhere() + ": the rules read '" + family + "', which rule tests cannot derive from"
                        + " partner records (no stage they replay publishes it); give it under 'metrics'");
            } else if (inputs == null) {
                failures.add(test.recordsWhere() + ": the rules read '" + family + "', which is derived from partner"
                        + " records with the deployment's boundaries; none are loaded (give --data-dir or EMBER_DATA_DIR)");
            }
        }
        if (inputs == null && failures.isEmpty()) {
            failures.add(test.recordsWhere() + ": partner records are placed in the deployment's areas; no boundaries are"
                    + " loaded (give --data-dir or EMBER_DATA_DIR)");
        }
        if (!failures.isEmpty()) {
            return List.of();
        }
        List<FusionReplay.Arrival> arrivals = new ArrayList<>();
        Map<String, Incident> latest = new HashMap<>();
        for (RuleTestFile.PartnerRecord r : test.records()) {
            ReportInputs.Ingested ingested = inputs.ingest(r.feed(), r.json(), r.arrival());
            if (ingested.incident() == null) {
                failures.add((ingested.placement() ? r.placeWhere() + ": cannot place the record: "
                        : r.where() + ": the job would dead-letter this record: ") + ingested.problem());
                continue;
            }
            Incident incident = ingested.incident();
            arrivals.add(new FusionReplay.Arrival(r.arrival(), incident));
            latest.merge(incident.feed() + ":" + incident.sourceId(), incident,
                    (a, b) -> b.version() >= a.version() ? b : a);
        }
        if (!failures.isEmpty()) {
            return List.of();
        }
        // Counts from each record's latest version, at its event time (the counts stage applies a
        // correction when it arrives; a test that checks counts across a correction gives reports instead).
        for (Incident i : latest.values()) {
            if (i.cancelled()) {
                continue;
            }
            if (i.lsoa() != null) {
                counts.add("lsoa", i.lsoa(), i.eventTime(), i.feed(), i.category(), i.weapon(), 1);
            }
            String lad = i.lad() != null ? i.lad() : areas.ladOf(i.lsoa());
            if (lad != null) {
                counts.add("lad", lad, i.eventTime(), i.feed(), i.category(), i.weapon(), 1);
            }
        }
        if (read.stream().noneMatch(fusionFamilies::contains)) {
            return List.of(); // as the job with fusion off: no rule reads it
        }
        long until = test.expect().stream().mapToLong(RuleTestFile.Expectation::at).max().orElse(Long.MIN_VALUE);
        List<AreaMetrics> fused = new ArrayList<>();
        for (FusionReplay.Emitted e : FusionReplay.run(inputs.newContext(), inputs.linkageBlocks(), arrivals, until)) {
            AreaMetrics m = e.metrics();
            // Published, and so evaluated, on the arrival clock of what caused it.
            fused.add(new AreaMetrics(m.layer(), m.areaId(), e.at(), m.source(), m.values()));
        }
        return fused;
    }

    private static String family(String metric) {
        int brace = metric.indexOf('{');
        return brace < 0 ? metric : metric.substring(0, brace);
    }
}
