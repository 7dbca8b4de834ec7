package org.ember.infra.cli.forecast;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ember.geo.forecast.RollingEvaluation;

/**
 * The chart of {@code ember forecast evaluate}: two panels of grouped bars, mean PAI and mean hit
 * rate per coverage, one bar per method (first period only), as a standalone SVG.
 */
final class EvaluationChart {
    private static final String[] COLOURS = {"#8c8c8c", "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"};

    private EvaluationChart() {}

    static String svg(List<RollingEvaluation.Summary> summary, String title) {
        String period = summary.get(0).period();
        List<String> methods = new ArrayList<>();
        List<Double> coverages = new ArrayList<>();
        Map<String, RollingEvaluation.Summary> byKey = new LinkedHashMap<>();
        for (RollingEvaluation.Summary s : summary) {
            if (!s.period().equals(period)) {
                continue;
            }
            if (!methods.contains(s.method())) {
                methods.add(s.method());
            }
            if (!coverages.contains(s.coverage())) {
                coverages.add(s.coverage());
            }
            byKey.put(s.method() + "@" + s.coverage(), s);
        }
        int width = 900;
        int panelHeight = 260;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n",
                width, 2 * panelHeight + 120));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"20\" y=\"22\" font-size=\"14\">%s (period: %s)</text>%n", escape(title), period));
        panel(svg, "mean PAI", 56, panelHeight, width, methods, coverages, byKey, true);
        panel(svg, "mean hit rate", 56 + panelHeight + 30, panelHeight, width, methods, coverages, byKey, false);
        for (int m = 0; m < methods.size(); m++) {
            int x = 70 + m * 120;
            int y = 2 * panelHeight + 110;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>%n", x, y - 10, COLOURS[m % COLOURS.length], x + 16, y, escape(methods.get(m))));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void panel(StringBuilder svg, String label, int top, int height, int width, List<String> methods,
            List<Double> coverages, Map<String, RollingEvaluation.Summary> byKey, boolean pai) {
        double max = 0;
        for (RollingEvaluation.Summary s : byKey.values()) {
            double v = pai ? s.meanPai() : s.meanHitRate();
            if (Double.isFinite(v)) {
                max = Math.max(max, v);
            }
        }
        max = max <= 0 ? 1 : max * 1.1;
        int left = 60;
        int plotWidth = width - left - 20;
        int plotHeight = height - 40;
        int base = top + plotHeight;
        svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\">%s</text>%n", top - 6, label));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                left, base, left + plotWidth, base));
        for (int k = 0; k <= 4; k++) {
            double v = max * k / 4;
            int y = base - (int) Math.round(plotHeight * k / 4.0);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", left, y, left + plotWidth, y, left - 4, y + 4,
                    pai ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.0f%%", 100 * v)));
        }
        double groupWidth = (double) plotWidth / coverages.size();
        double barWidth = groupWidth * 0.8 / methods.size();
        for (int c = 0; c < coverages.size(); c++) {
            double gx = left + c * groupWidth + groupWidth * 0.1;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s%% of area</text>%n",
                    gx + groupWidth * 0.4, base + 16, fmt(100 * coverages.get(c))));
            for (int m = 0; m < methods.size(); m++) {
                RollingEvaluation.Summary s = byKey.get(methods.get(m) + "@" + coverages.get(c));
                double v = s == null ? Double.NaN : (pai ? s.meanPai() : s.meanHitRate());
                if (!Double.isFinite(v)) {
                    continue;
                }
                double h = plotHeight * v / max;
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                        + "<title>%s %s: %.3f</title></rect>%n", gx + m * barWidth, base - h, barWidth * 0.9, h,
                        COLOURS[m % COLOURS.length], escape(methods.get(m)), label, v));
            }
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
