package org.ember.infra.evaluation;

import java.util.List;
import java.util.Locale;

/** Small inline SVG charts for the report: no script, no external files, readable when printed. */
final class Svg {
    static final String[] COLOURS = {"#4e79a7", "#f28e2b", "#59a14f", "#b07aa1"};

    private Svg() {}

    static String n(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /**
     * Event-study plot: one point per week relative to the start with its 95% interval, the reference
     * week at zero, a dashed line where the intervention starts.
     */
    static String eventStudy(String title, int[] relWeek, double[] coef, double[] low, double[] high) {
        int w = 640;
        int h = 240;
        int left = 50;
        int right = 10;
        int top = 24;
        int bottom = 30;
        double min = 0;
        double max = 0;
        for (int i = 0; i < coef.length; i++) {
            min = Math.min(min, low[i]);
            max = Math.max(max, high[i]);
        }
        double pad = (max - min) * 0.08 + 1e-9;
        min -= pad;
        max += pad;
        int n = coef.length;
        double step = (w - left - right) / (double) Math.max(1, n);
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"chart event-study\" role=\"img\" aria-label=\"").append(Html.esc(title)).append("\" width=\"").append(w)
                .append("\" height=\"").append(h).append("\" viewBox=\"0 0 ").append(w).append(' ').append(h).append("\">");
        s.append("<text x=\"").append(left).append("\" y=\"14\" font-size=\"12\">").append(Html.esc(title)).append("</text>");
        double y0 = y(0, min, max, top, h - bottom);
        s.append(line(left, y0, w - right, y0, "#888", false));
        s.append(axisLabels(min, max, left, top, h - bottom));
        for (int i = 0; i < n; i++) {
            double x = left + step * (i + 0.5);
            if (relWeek[i] == 0) {
                s.append(line(x - step / 2, top, x - step / 2, h - bottom, "#c00", true));
            }
            boolean post = relWeek[i] >= 0;
            String colour = post ? "#c0392b" : "#34495e";
            s.append(line(x, y(low[i], min, max, top, h - bottom), x, y(high[i], min, max, top, h - bottom), colour, false));
            s.append("<circle cx=\"").append(n(x)).append("\" cy=\"").append(n(y(coef[i], min, max, top, h - bottom)))
                    .append("\" r=\"3.5\" fill=\"").append(colour).append("\"/>");
            if (n <= 26 || i % 2 == 0) {
                s.append("<text x=\"").append(n(x)).append("\" y=\"").append(h - bottom + 14).append("\" font-size=\"10\" text-anchor=\"middle\">")
                        .append(relWeek[i]).append("</text>");
            }
        }
        s.append("<text x=\"").append(w / 2).append("\" y=\"").append(h - 2)
                .append("\" font-size=\"10\" text-anchor=\"middle\">weeks from start (0 = first week of the intervention)</text>");
        return s.append("</svg>").toString();
    }

    /** Horizontal interval plot: one row per label with its estimate and interval. */
    static String forest(String title, List<String> labels, double[] est, double[] low, double[] high) {
        int w = 640;
        int rowH = 26;
        int left = 200;
        int top = 24;
        int h = top + rowH * labels.size() + 30;
        double min = 0;
        double max = 0;
        for (int i = 0; i < est.length; i++) {
            if (Double.isFinite(low[i])) {
                min = Math.min(min, low[i]);
                max = Math.max(max, high[i]);
            }
        }
        double pad = (max - min) * 0.08 + 1e-9;
        min -= pad;
        max += pad;
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"chart forest\" role=\"img\" aria-label=\"").append(Html.esc(title)).append("\" width=\"").append(w)
                .append("\" height=\"").append(h).append("\" viewBox=\"0 0 ").append(w).append(' ').append(h).append("\">");
        s.append("<text x=\"10\" y=\"14\" font-size=\"12\">").append(Html.esc(title)).append("</text>");
        double x0 = x(0, min, max, left, w - 10);
        s.append(line(x0, top, x0, h - 30, "#888", true));
        for (int i = 0; i < labels.size(); i++) {
            double yy = top + rowH * (i + 0.5);
            s.append("<text x=\"10\" y=\"").append(n(yy + 4)).append("\" font-size=\"11\">").append(Html.esc(labels.get(i))).append("</text>");
            if (!Double.isFinite(est[i])) {
                s.append("<text x=\"").append(left).append("\" y=\"").append(n(yy + 4))
                        .append("\" font-size=\"11\" fill=\"#666\">no estimate</text>");
                continue;
            }
            s.append(line(x(low[i], min, max, left, w - 10), yy, x(high[i], min, max, left, w - 10), yy, "#4e79a7", false));
            s.append("<rect x=\"").append(n(x(est[i], min, max, left, w - 10) - 4)).append("\" y=\"").append(n(yy - 4))
                    .append("\" width=\"8\" height=\"8\" fill=\"#4e79a7\"/>");
        }
        s.append("<text x=\"").append(n(x(min, min, max, left, w - 10))).append("\" y=\"").append(h - 12).append("\" font-size=\"10\">")
                .append(n(min)).append("</text>");
        s.append("<text x=\"").append(n(x(max, min, max, left, w - 10))).append("\" y=\"").append(h - 12)
                .append("\" font-size=\"10\" text-anchor=\"end\">").append(n(max)).append("</text>");
        s.append("<text x=\"").append(n(x0)).append("\" y=\"").append(h - 12).append("\" font-size=\"10\" text-anchor=\"middle\">0</text>");
        return s.append("</svg>").toString();
    }

    /** Grouped bars: for each category, one bar per series (values are percentages). */
    static String groupedBars(String title, List<String> categories, List<String> series, double[][] values) {
        int w = 640;
        int h = 260;
        int left = 40;
        int top = 40;
        int bottom = 30;
        double max = 1;
        for (double[] v : values) {
            for (double x : v) {
                max = Math.max(max, x);
            }
        }
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"chart equity\" role=\"img\" aria-label=\"").append(Html.esc(title)).append("\" width=\"").append(w)
                .append("\" height=\"").append(h).append("\" viewBox=\"0 0 ").append(w).append(' ').append(h).append("\">");
        s.append("<text x=\"10\" y=\"14\" font-size=\"12\">").append(Html.esc(title)).append("</text>");
        for (int k = 0; k < series.size(); k++) {
            s.append("<rect x=\"").append(10 + k * 150).append("\" y=\"20\" width=\"10\" height=\"10\" fill=\"").append(COLOURS[k % 4])
                    .append("\"/><text x=\"").append(24 + k * 150).append("\" y=\"29\" font-size=\"10\">").append(Html.esc(series.get(k)))
                    .append("</text>");
        }
        double groupW = (w - left - 10) / (double) Math.max(1, categories.size());
        double barW = groupW * 0.8 / Math.max(1, series.size());
        for (int c = 0; c < categories.size(); c++) {
            double gx = left + groupW * c + groupW * 0.1;
            for (int k = 0; k < series.size(); k++) {
                double v = values[k][c];
                double bh = (h - top - bottom) * v / max;
                s.append("<rect x=\"").append(n(gx + k * barW)).append("\" y=\"").append(n(h - bottom - bh)).append("\" width=\"")
                        .append(n(barW - 1)).append("\" height=\"").append(n(bh)).append("\" fill=\"").append(COLOURS[k % 4]).append("\"/>");
            }
            s.append("<text x=\"").append(n(gx + groupW * 0.4)).append("\" y=\"").append(h - bottom + 14)
                    .append("\" font-size=\"10\" text-anchor=\"middle\">").append(Html.esc(categories.get(c))).append("</text>");
        }
        s.append("<text x=\"4\" y=\"").append(top + 8).append("\" font-size=\"10\">").append(n(max)).append("%</text>");
        s.append(line(left, h - bottom, w - 10, h - bottom, "#888", false));
        return s.append("</svg>").toString();
    }

    private static String axisLabels(double min, double max, int left, int top, int bottom) {
        return "<text x=\"" + (left - 4) + "\" y=\"" + (top + 8) + "\" font-size=\"10\" text-anchor=\"end\">" + n(max) + "</text>"
                + "<text x=\"" + (left - 4) + "\" y=\"" + bottom + "\" font-size=\"10\" text-anchor=\"end\">" + n(min) + "</text>";
    }

    private static String line(double x1, double y1, double x2, double y2, String colour, boolean dashed) {
        return "<line x1=\"" + n(x1) + "\" y1=\"" + n(y1) + "\" x2=\"" + n(x2) + "\" y2=\"" + n(y2) + "\" stroke=\"" + colour
                + "\" stroke-width=\"1.5\"" + (dashed ? " stroke-dasharray=\"4 3\"" : "") + "/>";
    }

    private static double y(double v, double min, double max, double top, double bottom) {
        return bottom - (v - min) / (max - min) * (bottom - top);
    }

    private static double x(double v, double min, double max, double left, double right) {
        return left + (v - min) / (max - min) * (right - left);
    }
}
