package org.ember.rules.backtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.ember.rules.DurationText;

/**
 * Writes a backtest as {@code summary.csv} (one row per rule and rule directory), {@code alerts.csv}
 * (one row per alert) and {@code report.html} (the same, readable, two directories side by side
 * when compared).
 */
public final class BacktestReportWriter {
    private static final DateTimeFormatter LONDON =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Europe/London"));
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK).withZone(ZoneId.of("Europe/London"));

    private BacktestReportWriter() {}

    /** Writes the files; {@code compare} may be null. */
    public static List<Path> write(Path dir, BacktestReport report, BacktestReport compare) throws IOException {
        Files.createDirectories(dir);
        List<BacktestReport> reports = compare == null ? List.of(report) : List.of(report, compare);
        Path summary = dir.resolve("summary.csv");
        Path alerts = dir.resolve("alerts.csv");
        Path html = dir.resolve("report.html");
        Files.writeString(summary, summaryCsv(reports), StandardCharsets.UTF_8);
        Files.writeString(alerts, alertsCsv(reports), StandardCharsets.UTF_8);
        Files.writeString(html, html(reports), StandardCharsets.UTF_8);
        return List.of(summary, alerts, html);
    }

    static String summaryCsv(List<BacktestReport> reports) {
        StringBuilder csv = new StringBuilder(
                "rules,rule,alerts,areas,median_firing_hours,total_firing_hours,hits,hit_rate,captured_share,flagged_share,pai\n");
        for (BacktestReport r : reports) {
            for (RuleScore s : r.rules()) {
                csv.append(cell(r.label())).append(',').append(cell(s.rule())).append(',').append(s.alerts()).append(',')
                        .append(s.areas()).append(',').append(number(s.medianHours())).append(',').append(number(s.totalHours()))
                        .append(',').append(s.hits()).append(',').append(number(s.hitRate())).append(',')
                        .append(number(s.captured())).append(',').append(number(s.flaggedShare())).append(',')
                        .append(number(s.pai())).append('\n');
            }
        }
        return csv.toString();
    }

    static String alertsCsv(List<BacktestReport> reports) {
        StringBuilder csv = new StringBuilder(
                "rules,rule,layer,area,area_name,lad,fired_at,resolved_at,firing_hours,serious_incident_followed_at\n");
        for (BacktestReport r : reports) {
            for (Episode e : r.episodes()) {
                csv.append(cell(r.label())).append(',').append(cell(e.rule())).append(',').append(e.layer()).append(',')
                        .append(cell(e.areaId())).append(',').append(cell(e.areaName())).append(',')
                        .append(e.lad() == null ? "" : e.lad()).append(',').append(Instant.ofEpochMilli(e.firedAt())).append(',')
                        .append(e.resolvedAt() < 0 ? "" : Instant.ofEpochMilli(e.resolvedAt()).toString()).append(',')
                        .append(number(e.firingHours(r.to()))).append(',')
                        .append(e.followedAt() < 0 ? "" : Instant.ofEpochMilli(e.followedAt()).toString()).append('\n');
            }
        }
        return csv.toString();
    }

    static String html(List<BacktestReport> reports) {
        BacktestReport first = reports.get(0);
        StringBuilder h = new StringBuilder();
        h.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Ember backtest</title>\n<style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}")
                .append("th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#f3f3f3}")
                .append("td.l,th.l{text-align:left}.b{background:#fbf7ee}small{color:#666}</style></head><body>\n");
        h.append("<h1>Ember backtest</h1>\n<p>").append(DAY.format(Instant.ofEpochMilli(first.from()))).append(" to ")
                .append(DAY.format(Instant.ofEpochMilli(first.to()))).append(" · horizon ")
                .append(DurationText.format(Duration.ofMillis(first.horizonMillis()))).append(" · ")
                .append(first.seriousIncidents()).append(" serious incidents (N) in ").append(first.coveredLsoas())
                .append(" covered LSOAs · ").append(first.records()).append(" feed records replayed</p>\n");
        for (BacktestReport r : reports) {
            h.append("<p><b>").append(esc(r.label())).append("</b> (rules ").append(esc(r.ruleVersion())).append("): replayed in ")
                    .append(String.format(Locale.ROOT, "%.1f", r.wallMillis() / 1000.0)).append(" s</p>\n");
        }
        Set<String> names = new LinkedHashSet<>();
        reports.forEach(r -> r.rules().forEach(s -> names.add(s.rule())));
        names.remove(BacktestReport.ALL_RULES);
        names.add(BacktestReport.ALL_RULES);
        h.append("<table><tr><th class=\"l\">rule</th>");
        String[] columns = {"alerts", "areas", "median h", "hits", "hit rate", "captured n/N", "flagged a/A", "PAI"};
        for (BacktestReport r : reports) {
            for (String c : columns) {
                h.append("<th").append(r == first ? "" : " class=\"b\"").append(">").append(c)
                        .append(reports.size() > 1 ? "<br><small>" + esc(shortLabel(r.label())) + "</small>" : "").append("</th>");
            }
        }
        h.append("</tr>\n");
        for (String name : names) {
            h.append("<tr><td class=\"l\">").append(esc(name)).append("</td>");
            for (BacktestReport r : reports) {
                RuleScore s = r.rule(name);
                String cls = r == first ? "" : " class=\"b\"";
                if (s == null) {
                    for (int i = 0; i < columns.length; i++) {
                        h.append("<td").append(cls).append(">–</td>");
                    }
                    continue;
                }
                for (String v : List.of(Integer.toString(s.alerts()), Integer.toString(s.areas()), fixed(s.medianHours(), 1),
                        Integer.toString(s.hits()), percent(s.hitRate()), percent(s.captured()), percent(s.flaggedShare()),
                        fixed(s.pai(), 2))) {
                    h.append("<td").append(cls).append(">").append(v).append("</td>");
                }
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
        for (BacktestReport r : reports) {
            h.append("<h2>").append(esc(r.label())).append("</h2>\n<table><tr><th class=\"l\">rule</th>")
                    .append("<th class=\"l\">where it fired most</th></tr>\n");
            for (RuleScore s : r.rules()) {
                h.append("<tr><td class=\"l\">").append(esc(s.rule())).append("</td><td class=\"l\">")
                        .append(esc(String.join(", ", s.topAreas()))).append("</td></tr>\n");
            }
            h.append("</table>\n<details><summary>").append(r.episodes().size()).append(" alerts</summary><table><tr>")
                    .append("<th class=\"l\">rule</th><th class=\"l\">area</th><th class=\"l\">fired</th><th>hours</th>")
                    .append("<th class=\"l\">serious incident followed</th></tr>\n");
            List<Episode> shown = new ArrayList<>(r.episodes().subList(0, Math.min(2000, r.episodes().size())));
            for (Episode e : shown) {
                h.append("<tr><td class=\"l\">").append(esc(e.rule())).append("</td><td class=\"l\">").append(esc(e.areaName()))
                        .append("</td><td class=\"l\">").append(LONDON.format(Instant.ofEpochMilli(e.firedAt())))
                        .append("</td><td>").append(fixed(e.firingHours(r.to()), 1)).append("</td><td class=\"l\">")
                        .append(e.followedAt() < 0 ? "" : LONDON.format(Instant.ofEpochMilli(e.followedAt()))).append("</td></tr>\n");
            }
            h.append("</table>").append(r.episodes().size() > shown.size() ? "<p>(first 2000; all in alerts.csv)</p>" : "")
                    .append("</details>\n");
        }
        h.append("<h2>How to read this</h2>\n<p>An alert <i>hits</i> when a serious incident (a police report involving a")
                .append(" knife, sharp instrument or firearm, or a weapons offence; corrections applied) happened in the same")
                .append(" area after it fired and within the horizon. <i>captured</i> is the share of all serious incidents")
                .append(" that fell in an area during the horizon after one of the rule's alerts there (n/N); <i>flagged</i>")
                .append(" is the share of LSOA-time so flagged (a/A, local-authority alerts flag all their LSOAs); PAI =")
                .append(" (n/N)/(a/A): above 1, the rule points at places where serious violence is more likely than")
                .append(" average. Look-ahead stops at the end of the period.</p>\n</body></html>\n");
        return h.toString();
    }

    private static String shortLabel(String label) {
        int slash = Math.max(label.lastIndexOf('/'), label.lastIndexOf('\\'));
        return slash >= 0 && slash < label.length() - 1 ? label.substring(slash + 1) : label;
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String fixed(double v, int places) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%." + places + "f", v);
    }

    private static String percent(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    private static String cell(String text) {
        if (text == null) {
            return "";
        }
        return text.contains(",") || text.contains("\"") || text.contains("\n")
                ? "\"" + text.replace("\"", "\"\"") + "\""
                : text;
    }

    private static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
