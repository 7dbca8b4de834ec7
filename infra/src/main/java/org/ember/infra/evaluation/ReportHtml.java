package org.ember.infra.evaluation;

import static org.ember.infra.evaluation.ReportWriter.num;

import java.util.ArrayList;
import java.util.List;
import org.ember.geo.evaluation.DidEstimate;
import org.ember.geo.evaluation.DisplacementQuotient;
import org.ember.geo.evaluation.EventStudy;
import org.ember.geo.evaluation.InterventionEvaluation;
import org.ember.geo.evaluation.Verdict;

/** The HTML page of an evaluation: the sections of {@link ReportWriter#SECTIONS}, in that order. */
final class ReportHtml {
    private final EvaluationReport r;
    private final ReportWriter w;
    private final StringBuilder h = new StringBuilder();

    ReportHtml(EvaluationReport r, ReportWriter w) {
        this.r = r;
        this.w = w;
    }

    String render() {
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Ember evaluation ").append(r.from()).append(" to ")
                .append(r.to()).append("</title><style>")
                .append("body{font-family:sans-serif;max-width:1000px;margin:1em auto;padding:0 1em;color:#222}")
                .append("table{border-collapse:collapse;margin:.5em 0;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}")
                .append("td:first-child,th:first-child{text-align:left}section{margin-bottom:2em}.verdict{font-weight:bold}")
                .append(".REDUCTION{color:#1a7f37}.INCREASE{color:#b42318}.NO_EVIDENCE_EITHER_WAY{color:#555}.NOT_ESTIMATED{color:#8a6d00}")
                .append(".note{color:#555;font-size:13px}</style></head><body>");
        h.append("<h1>Did it work? Interventions and alerts, ").append(r.from()).append(" to ").append(r.to()).append("</h1>");
        summary();
        prevented();
        interventions();
        aggregates();
        followUp();
        equity();
        rejected();
        methods();
        return h.append("</body></html>").toString();
    }

    private void open(String id, String title) {
        h.append("<section id=\"").append(id).append("\"><h2>").append(Html.esc(title)).append("</h2>");
    }

    private void summary() {
        open("summary", "Summary");
        int[] byVerdict = new int[Verdict.values().length];
        for (EvaluationReport.Evaluated e : r.interventions()) {
            byVerdict[e.evaluation().verdict().ordinal()]++;
        }
        h.append("<p>").append(r.interventions().size()).append(" interventions started in the period. ");
        for (Verdict v : Verdict.values()) {
            h.append("<span class=\"").append(v.name()).append("\">").append(byVerdict[v.ordinal()]).append(" ").append(Html.esc(label(v)))
                    .append("</span>; ");
        }
        h.append(r.followUp().outcomes().size()).append(" alerts fired; ").append(r.rejected().size())
                .append(" intervention records were refused (listed below).</p>");
        h.append("<p class=\"note\">Each estimate compares the treated areas with comparison areas matched on their offence rate before ")
                .append("the start and on deprivation (difference-in-differences). Intervals are 95% placebo (permutation) intervals. ")
                .append("Where the data cannot tell, the report says so instead of giving a number. Counts from 1 to 4 are shown as ")
                .append("\"fewer than 5\".</p></section>");
    }

    private static String label(Verdict v) {
        return switch (v) {
            case REDUCTION -> "with fewer offences than expected";
            case INCREASE -> "with more offences than expected";
            case NO_EVIDENCE_EITHER_WAY -> "with no evidence either way";
            case NOT_ESTIMATED -> "not estimated (too little data)";
        };
    }

    private void prevented() {
        open("prevented", "Offences prevented, with 95% intervals");
        List<String> labels = new ArrayList<>();
        int n = r.interventions().size();
        double[] est = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
            InterventionEvaluation e = r.interventions().get(i).evaluation();
            labels.add(e.treatment().id());
            est[i] = e.estimated() ? e.prevented() : Double.NaN;
            lo[i] = e.preventedLow();
            hi[i] = e.preventedHigh();
        }
        h.append(Svg.forest("Offences prevented per intervention (positive = fewer offences)", labels, est, lo, hi));
        h.append("<table><tr><th>intervention</th><th>type</th><th>verdict</th><th>prevented</th><th>95% interval</th>")
                .append("<th>change</th><th>95% interval</th></tr>");
        for (EvaluationReport.Evaluated ev : r.interventions()) {
            InterventionEvaluation e = ev.evaluation();
            h.append("<tr><td>").append(Html.esc(e.treatment().id())).append("</td><td>").append(Html.esc(e.treatment().type()))
                    .append("</td><td class=\"verdict ").append(e.verdict().name()).append("\">").append(Html.esc(e.verdict().text)).append("</td>");
            if (e.estimated()) {
                h.append("<td>").append(num(e.prevented(), 1)).append("</td><td>").append(num(e.preventedLow(), 1)).append(" to ")
                        .append(num(e.preventedHigh(), 1)).append("</td><td>").append(pct(e.relative())).append("</td><td>")
                        .append(pct(e.relativeLow())).append(" to ").append(pct(e.relativeHigh())).append("</td>");
            } else {
                h.append("<td colspan=\"4\">").append(Html.esc(e.reason())).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</table></section>");
    }

    private void interventions() {
        open("interventions", "Each intervention");
        for (EvaluationReport.Evaluated ev : r.interventions()) {
            InterventionEvaluation e = ev.evaluation();
            var iv = ev.intervention();
            h.append("<article class=\"intervention\" id=\"iv-").append(Html.esc(iv.interventionId())).append("\"><h3>")
                    .append(Html.esc(iv.interventionId())).append(": ").append(Html.esc(iv.type().replace('_', ' '))).append(" by ")
                    .append(Html.esc(iv.partner())).append("</h3><p>").append(iv.units().size()).append(' ').append(iv.layer())
                    .append(iv.units().size() == 1 ? "" : "s").append(" in ").append(Html.esc(ev.spokeName())).append(", ")
                    .append(iv.start()).append(" to ").append(iv.end());
            if (iv.dosage() != null) {
                h.append(", ").append(num(iv.dosage().amount(), 0)).append(' ').append(Html.esc(iv.dosage().unit().replace('_', ' ')));
            }
            if (iv.alertFingerprint() != null) {
                h.append(", answering alert ").append(Html.esc(iv.alertFingerprint()));
            }
            h.append(".</p><p class=\"verdict ").append(e.verdict().name()).append("\">").append(Html.esc(e.verdict().text)).append("</p>");
            if (!e.reason().isEmpty()) {
                h.append("<p class=\"note\">").append(Html.esc(e.reason())).append("</p>");
            }
            EventStudy.Result es = e.eventStudy();
            if (es != null && e.panel() != null) {
                int t = es.coefficients().length;
                int[] rel = new int[t];
                double[] lo = new double[t];
                double[] hi = new double[t];
                for (int s = 0; s < t; s++) {
                    rel[s] = s - e.panel().firstPost();
                    lo[s] = es.low(s, ReportWriter.z95());
                    hi[s] = es.high(s, ReportWriter.z95());
                }
                h.append(Svg.eventStudy("Treated minus comparison, offences per area and week, relative to the week before the start",
                        rel, es.coefficients(), lo, hi));
            }
            DidEstimate d = e.did();
            if (d != null) {
                double[][] b = e.balance();
                h.append("<table><tr><th>measure</th><th>value</th></tr>")
                        .append(row("treated / comparison " + iv.layer() + "s", d.treatedUnits() + " / " + d.comparisonUnits()))
                        .append(row("offences per week before the start: treated / comparison (mean per unit)", num(b[0][0], 2) + " / "
                                + num(b[1][0], 2)))
                        .append(row("deprivation rank fraction (0 = most deprived): treated / comparison", num(b[0][1], 3) + " / "
                                + num(b[1][1], 3)))
                        .append(row("offences in the treated " + iv.layer() + "s during the intervention", w.count(Math.round(d.observedTreatedPost()))))
                        .append(row("expected without it (counterfactual)", num(d.counterfactualTreatedPost(), 1)))
                        .append(row("effect per " + iv.layer() + " and week (difference-in-differences)", num(d.beta(), 3)))
                        .append(row("cluster-robust standard error; 95% interval", num(d.standardError(), 3) + "; " + num(d.low(), 3) + " to "
                                + num(d.high(), 3)))
                        .append(row("placebo p-value; 95% placebo interval (" + e.permutation().assignments() + " assignments)",
                                num(e.permutation().pValue(), 3) + "; " + num(e.low(), 3) + " to " + num(e.high(), 3)))
                        .append(row("pre-trend: slope difference before the start (per week); placebo p",
                                Double.isNaN(e.permutation().preTrendP()) ? "not available"
                                        : num(e.permutation().preTrendSlope(), 3) + "; " + num(e.permutation().preTrendP(), 3)
                                                + (e.preTrendWarning() ? " — trends already differed" : " — no sign of different trends")))
                        .append(row("event-study pre-period coefficients, clustered Wald test p (over-rejects with few treated areas)",
                                Double.isNaN(es.preTrendP()) ? "not available" : num(es.preTrendP(), 3)));
                DisplacementQuotient q = e.displacement();
                if (q != null) {
                    var rc = e.ringChange();
                    h.append(row("weighted displacement quotient (ring of " + e.ring().size() + ")",
                            (Double.isNaN(q.wdq()) ? "not interpreted" : num(q.wdq(), 2)) + ": " + q.reading().text))
                            .append(row("ring's own change per " + iv.layer() + " and week; 95% placebo interval",
                                    rc == null ? "not available" : num(rc.low() / 2 + rc.high() / 2, 3) + "; " + num(rc.low(), 3) + " to "
                                            + num(rc.high(), 3) + (e.ringChangeBeyondChance() ? " — beyond chance"
                                                    : " — within chance: no evidence of displacement or diffusion either way")))
                            .append(row("total net effect, target and ring (offences)", num(q.totalNetEffect(), 1)));
                }
                h.append("</table>");
            }
            h.append("</article>");
        }
        if (r.interventions().isEmpty()) {
            h.append("<p>No intervention started in the period.</p>");
        }
        h.append("</section>");
    }

    private void aggregates() {
        open("by-type-and-spoke", "Offences prevented by type and by spoke");
        h.append("<p class=\"note\">Sums of the estimated interventions; intervals combine each one's in quadrature, as if the ")
                .append("interventions were independent (approximate when they share comparison areas).</p>");
        aggregateTable("type", r.byType());
        aggregateTable("spoke", r.bySpoke());
        h.append("</section>");
    }

    private void aggregateTable(String key, List<Aggregate> list) {
        h.append("<table><tr><th>").append(key).append("</th><th>interventions</th><th>estimated</th><th>prevented</th><th>95% interval</th></tr>");
        for (Aggregate a : list) {
            h.append("<tr><td>").append(Html.esc(a.key())).append("</td><td>").append(a.interventions()).append("</td><td>").append(a.estimated())
                    .append("</td><td>").append(a.estimated() == 0 ? "no estimate" : num(a.prevented(), 1)).append("</td><td>")
                    .append(a.estimated() == 0 ? "" : num(a.low(), 1) + " to " + num(a.high(), 1)).append("</td></tr>");
        }
        h.append("</table>");
    }

    private void followUp() {
        open("follow-up", "Alert follow-up by rule");
        h.append("<p class=\"note\">For each rule: how many alerts fired, how many were acknowledged and how fast, how many had an ")
                .append("action recorded, and the offences in the alert's area in the following 7 and 28 days against the seasonal ")
                .append("baseline.s expectation (fitted on the 26 weeks before the week of each alert).</p>");
        h.append("<table><tr><th>rule</th><th>alerts</th><th>acknowledged</th><th>with action</th><th>median minutes to ack</th>")
                .append("<th>next 7 days: observed / expected</th><th>next 28 days: observed / expected</th></tr>");
        for (AlertFollowUp.RuleSummary s : r.followUp().rules()) {
            h.append("<tr><td>").append(Html.esc(s.rule())).append("</td><td>").append(s.alerts()).append("</td><td>").append(s.acknowledged())
                    .append("</td><td>").append(s.withAction()).append("</td><td>").append(num(s.medianMinutesToAck(), 0)).append("</td><td>")
                    .append(w.count(s.observed7())).append(" / ").append(num(s.expected7(), 1)).append("</td><td>").append(w.count(s.observed28()))
                    .append(" / ").append(num(s.expected28(), 1)).append("</td></tr>");
        }
        if (r.followUp().rules().isEmpty()) {
            h.append("<tr><td colspan=\"7\">no alerts in the period</td></tr>");
        }
        h.append("</table></section>");
    }

    private void equity() {
        open("equity", "Equity: does attention follow harm?");
        List<EquityMonitor.Row> rows = r.equity().deciles();
        double[] totals = new double[4];
        for (EquityMonitor.Row x : rows) {
            totals[0] += x.incidents();
            totals[1] += x.alerts();
            totals[2] += x.interventions();
            totals[3] += x.patrolMinutes();
        }
        List<String> cats = new ArrayList<>();
        double[][] values = new double[4][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            EquityMonitor.Row x = rows.get(i);
            cats.add(x.key());
            double[] v = {x.incidents(), x.alerts(), x.interventions(), x.patrolMinutes()};
            for (int k = 0; k < 4; k++) {
                values[k][i] = totals[k] > 0 ? 100 * v[k] / totals[k] : 0;
            }
        }
        h.append(Svg.groupedBars("Share of each by deprivation decile (1 = most deprived 10% of the nation)", cats,
                List.of("incidents", "alerts", "interventions", "patrol minutes"), values));
        h.append("<table><tr><th>decile</th><th>incidents</th><th>alerts</th><th>area-interventions</th><th>patrol minutes</th></tr>");
        for (EquityMonitor.Row x : rows) {
            h.append("<tr><td>").append(Html.esc(x.key())).append("</td><td>").append(w.count(x.incidents())).append("</td><td>").append(x.alerts())
                    .append("</td><td>").append(x.interventions()).append("</td><td>").append(num(x.patrolMinutes(), 0)).append("</td></tr>");
        }
        h.append("</table><h3>Areas with the most incidents</h3><table><tr><th>LSOA</th><th>incidents</th><th>alerts</th>")
                .append("<th>interventions</th><th>patrol minutes</th></tr>");
        for (EquityMonitor.Row x : r.equity().areas()) {
            h.append("<tr><td>").append(Html.esc(x.key())).append("</td><td>").append(w.count(x.incidents())).append("</td><td>").append(x.alerts())
                    .append("</td><td>").append(x.interventions()).append("</td><td>").append(num(x.patrolMinutes(), 0)).append("</td></tr>");
        }
        h.append("</table></section>");
    }

    private void rejected() {
        open("rejected", "Intervention records refused");
        if (r.rejected().isEmpty()) {
            h.append("<p>None.</p>");
        } else {
            h.append("<table><tr><th>line</th><th>reason</th></tr>");
            for (EvaluationInputs.Rejected x : r.rejected()) {
                h.append("<tr><td>").append(x.line() == 0 ? "" : Integer.toString(x.line())).append("</td><td style=\"text-align:left\">")
                        .append(Html.esc(x.reason())).append("</td></tr>");
            }
            h.append("</table>");
        }
        h.append("</section>");
    }

    private void methods() {
        open("methods", "How to read this report");
        h.append("<p class=\"note\">Methods, assumptions and limits of every number are in docs/evaluation.md. Comparison areas: ")
                .append(r.settings().comparisonsPerTreated()).append(" per treated area, at least ").append(r.settings().minComparison())
                .append("; pre-period ").append(r.settings().preWeeks()).append(" weeks; ").append(r.settings().permutations())
                .append(" placebo assignments when not all can be enumerated; no estimate with fewer than ")
                .append(r.settings().minTreatedPreCount()).append(" offences in the treated areas before the start.</p></section>");
    }

    private static String row(String k, String v) {
        return "<tr><td>" + Html.esc(k) + "</td><td>" + Html.esc(v) + "</td></tr>";
    }

    private static String pct(double v) {
        return Double.isFinite(v) ? num(100 * v, 1) + "%" : Double.isNaN(v) ? "" : (v > 0 ? "+inf" : "-inf");
    }
}
