package org.ember.infra.evaluation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ember.geo.evaluation.DidEstimate;
import org.ember.geo.evaluation.DisplacementQuotient;
import org.ember.geo.evaluation.EventStudy;
import org.ember.geo.evaluation.InterventionEvaluation;
import org.ember.model.privacy.SmallCountSuppression;

/**
 * Writes the evaluation as {@code report.html} (inline SVG charts, no script) and one CSV per table.
 * Offence counts from 1 to 4 are shown as "fewer than 5" in both, as elsewhere in Ember; estimates
 * are not counts and are shown, but only where the evaluation could make one.
 */
public final class ReportWriter {
    public static final String HTML = "report.html";
    /** Section ids, in page order; the browser test checks each one is there and drawn. */
    public static final List<String> SECTIONS = List.of("summary", "prevented", "interventions", "by-type-and-spoke", "follow-up",
            "equity", "rejected", "methods");
    private static final double Z95 = 1.959963984540054;

    private final SmallCountSuppression suppression;

    public ReportWriter(SmallCountSuppression suppression) {
        this.suppression = suppression;
    }

    public void write(EvaluationReport r, Path dir) {
        try {
            Files.createDirectories(dir);
            Csv.write(dir.resolve("interventions.csv"), interventionsCsv(r));
            Csv.write(dir.resolve("event_study.csv"), eventStudyCsv(r));
            Csv.write(dir.resolve("prevented_by_type.csv"), aggregateCsv(r.byType(), "type"));
            Csv.write(dir.resolve("prevented_by_spoke.csv"), aggregateCsv(r.bySpoke(), "spoke"));
            Csv.write(dir.resolve("alert_outcomes.csv"), alertCsv(r));
            Csv.write(dir.resolve("rule_follow_up.csv"), ruleCsv(r));
            Csv.write(dir.resolve("equity_deciles.csv"), equityCsv(r.equity().deciles(), "imd_decile"));
            Csv.write(dir.resolve("equity_areas.csv"), equityCsv(r.equity().areas(), "lsoa"));
            List<List<String>> rejected = new ArrayList<>();
            rejected.add(List.of("line", "reason"));
            r.rejected().forEach(x -> rejected.add(List.of(Integer.toString(x.line()), x.reason())));
            Csv.write(dir.resolve("rejected_interventions.csv"), rejected);
            Files.writeString(dir.resolve(HTML), new ReportHtml(r, this).render(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + dir, e);
        }
    }

    /** A count as it may be shown. */
    String count(long c) {
        if (c < 0) {
            return "n/a";
        }
        return suppression.shown(c).isPresent() ? Long.toString(c) : "fewer than " + suppression.threshold();
    }

    static String num(double v, int decimals) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "" : v > 0 ? "+inf" : "-inf";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private List<List<String>> interventionsCsv(EvaluationReport r) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("intervention_id", "type", "partner", "spoke", "layer", "units", "start", "end", "dosage", "dosage_unit", "verdict",
                "reason", "treated_units", "comparison_units", "post_weeks", "observed_treated_post", "beta_per_unit_week",
                "cluster_se", "cluster_low", "cluster_high", "cluster_p", "placebo_p", "placebo_low", "placebo_high", "placebo_assignments",
                "relative_effect", "relative_low", "relative_high", "prevented", "prevented_low", "prevented_high", "pretrend_wald",
                "pretrend_df", "pretrend_p", "pretrend_slope", "pretrend_slope_placebo_p", "wdq", "wdq_reading", "total_net_effect", "ring_change_low", "ring_change_high", "ring_change_beyond_chance"));
        for (EvaluationReport.Evaluated ev : r.interventions()) {
            InterventionEvaluation e = ev.evaluation();
            DidEstimate d = e.did();
            DisplacementQuotient q = e.displacement();
            EventStudy.Result es = e.eventStudy();
            var iv = ev.intervention();
            List<String> row = new ArrayList<>(List.of(iv.interventionId(), iv.type(), iv.partner(), ev.spokeName(), iv.layer(),
                    Integer.toString(iv.units().size()), iv.start().toString(), iv.end().toString(),
                    iv.dosage() == null ? "" : num(iv.dosage().amount(), 0), iv.dosage() == null ? "" : iv.dosage().unit(),
                    e.verdict().name(), e.reason()));
            if (d == null) {
                while (row.size() < rows.get(0).size()) {
                    row.add("");
                }
            } else {
                row.addAll(List.of(Integer.toString(d.treatedUnits()), Integer.toString(d.comparisonUnits()), Integer.toString(d.postPeriods()),
                        count(Math.round(d.observedTreatedPost())), num(d.beta(), 6), num(d.standardError(), 6), num(d.low(), 6),
                        num(d.high(), 6), num(d.pValue(), 6), num(e.permutation().pValue(), 6), num(e.low(), 6), num(e.high(), 6),
                        Integer.toString(e.permutation().assignments()), num(e.relative(), 4), num(e.relativeLow(), 4),
                        num(e.relativeHigh(), 4), num(e.prevented(), 1), num(e.preventedLow(), 1), num(e.preventedHigh(), 1),
                        num(es.preTrendWald(), 4), Integer.toString(es.preTrendDf()), num(es.preTrendP(), 4),
                        num(e.permutation().preTrendSlope(), 6), num(e.permutation().preTrendP(), 4),
                        q == null ? "" : num(q.wdq(), 4), q == null ? "" : q.reading().name(), q == null ? "" : num(q.totalNetEffect(), 1),
                        e.ringChange() == null ? "" : num(e.ringChange().low(), 6), e.ringChange() == null ? "" : num(e.ringChange().high(), 6),
                        Boolean.toString(e.ringChangeBeyondChance())));
            }
            rows.add(row);
        }
        return rows;
    }

    private List<List<String>> eventStudyCsv(EvaluationReport r) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("intervention_id", "week_from_start", "week_start", "coefficient", "se", "low", "high"));
        for (EvaluationReport.Evaluated ev : r.interventions()) {
            InterventionEvaluation e = ev.evaluation();
            EventStudy.Result es = e.eventStudy();
            if (es == null || e.panel() == null) {
                continue;
            }
            for (int s = 0; s < es.coefficients().length; s++) {
                rows.add(List.of(ev.intervention().interventionId(), Integer.toString(s - e.panel().firstPost()),
                        ev.counts().weekStart(e.firstWeek() + s).toString(), num(es.coefficients()[s], 6), num(es.standardErrors()[s], 6),
                        num(es.low(s, Z95), 6), num(es.high(s, Z95), 6)));
            }
        }
        return rows;
    }

    private static List<List<String>> aggregateCsv(List<Aggregate> list, String key) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of(key, "interventions", "estimated", "prevented", "prevented_low", "prevented_high"));
        for (Aggregate a : list) {
            rows.add(List.of(a.key(), Integer.toString(a.interventions()), Integer.toString(a.estimated()), num(a.prevented(), 1),
                    num(a.low(), 1), num(a.high(), 1)));
        }
        return rows;
    }

    private List<List<String>> alertCsv(EvaluationReport r) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("fingerprint", "rule", "layer", "area", "fired_at", "minutes_to_ack", "action", "observed_7d", "expected_7d",
                "observed_28d", "expected_28d"));
        for (AlertFollowUp.Outcome o : r.followUp().outcomes()) {
            rows.add(List.of(o.alert().fingerprint(), o.alert().rule(), o.alert().layer(), o.alert().areaId(),
                    java.time.Instant.ofEpochMilli(o.alert().eventTime()).toString(), num(o.minutesToAck(), 1),
                    o.action() == null ? "" : o.action(), count(o.observed7()), num(o.expected7(), 2), count(o.observed28()),
                    num(o.expected28(), 2)));
        }
        return rows;
    }

    private List<List<String>> ruleCsv(EvaluationReport r) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("rule", "alerts", "acknowledged", "with_action", "median_minutes_to_ack", "observed_7d", "expected_7d",
                "observed_28d", "expected_28d"));
        for (AlertFollowUp.RuleSummary s : r.followUp().rules()) {
            rows.add(List.of(s.rule(), Integer.toString(s.alerts()), Integer.toString(s.acknowledged()), Integer.toString(s.withAction()),
                    num(s.medianMinutesToAck(), 1), count(s.observed7()), num(s.expected7(), 1), count(s.observed28()),
                    num(s.expected28(), 1)));
        }
        return rows;
    }

    private List<List<String>> equityCsv(List<EquityMonitor.Row> list, String key) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of(key, "incidents", "alerts", "interventions", "patrol_minutes"));
        for (EquityMonitor.Row x : list) {
            rows.add(List.of(x.key(), count(x.incidents()), Long.toString(x.alerts()), Long.toString(x.interventions()),
                    num(x.patrolMinutes(), 0)));
        }
        return rows;
    }

    static double z95() {
        return Z95;
    }
}
