package org.ember.infra.cli.forecast;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ember.geo.crs.CrsTransform;
import org.ember.geo.crs.LonLat;
import org.ember.geo.forecast.EventSeries;
import org.ember.geo.forecast.ForecastMethod;
import org.ember.geo.forecast.ForecastWindow;
import org.ember.geo.forecast.HawkesParameters;
import org.ember.geo.forecast.Periods;
import org.ember.geo.forecast.SelfExcitingForecast;
import org.ember.geo.forecast.StackedEnsemble;
import org.ember.geo.forecast.StudyRegion;
import org.ember.geo.grid.GridCell;
import org.ember.infra.cli.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ember forecast}: where next week's events are most likely, ranked cells with expected counts. */
@Command(
        name = "forecast",
        mixinStandardHelpOptions = true,
        subcommands = EvaluateCommand.class,
        description = {
            "Forecasts the expected number of events per grid cell (and per period of the day or week) over",
            "the horizon after --at, from the --training window before it, and writes the cells ranked by",
            "expected count as CSV and GeoJSON. Methods: naive (counts over the look-back), kde (time-weighted",
            "quartic KDE), hawkes (self-exciting point process, robust fit), seasonal (KDE with hour-of-week,",
            "school-holiday and bank-holiday factors), ensemble (stacking of the four learnt on past origins).",
            "See docs/forecasting.md. 'ember forecast evaluate' scores the methods on a rolling origin."
        })
public final class ForecastCommand implements Callable<Integer> {
    @Mixin
    ForecastOptions options;

    @Option(names = "--at", paramLabel = "DATE", description = "Forecast origin: a date (midnight) or local date-time.")
    String at;

    @Option(names = "--method", defaultValue = "ensemble", paramLabel = "M",
            description = "naive, kde, hawkes, seasonal or ensemble (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--out", defaultValue = "forecast", paramLabel = "PREFIX",
            description = "Writes PREFIX.csv (every cell, ranked) and PREFIX.geojson (the --top cells of each period) (default: ${DEFAULT-VALUE}).")
    String out;

    @Option(names = "--top", defaultValue = "500", paramLabel = "N", description = "Cells per period in the GeoJSON (default: ${DEFAULT-VALUE}).")
    int top;

    static double parseOrigin(String flag, String text) {
        try {
            return EventFile.parseTime(text.trim());
        } catch (DateTimeParseException e) {
            throw new UserError(flag + ": '" + text + "' is not a date (2019-03-04) or local date-time (2019-03-04T18:00)");
        }
    }

    @Override
    public Integer call() {
        if (at == null) {
            throw new UserError("missing --at DATE (the forecast origin)");
        }
        double origin = parseOrigin("--at", at);
        EventFile.Loaded loaded = options.load();
        EventSeries events = loaded.events();
        Periods periods = options.periodScheme(events);
        Span horizon = options.horizonSpan();
        ForecastWindow window = new ForecastWindow(origin, horizon.after(origin), options.trainingSpan().approxDays(), periods);
        if (events.firstAtOrAfter(window.trainingStart()) == events.firstAtOrAfter(origin)) {
            throw new UserError("no events in the training window before --at " + at);
        }
        StudyRegion region = options.studyRegion(events);
        ForecastMethod m = options.method(method, horizon.approxDays());
        double[][] f = m.forecast(events, region, window);
        report(m);
        write(f, region, periods, loaded.crs());
        return 0;
    }

    private static void report(ForecastMethod m) {
        if (m instanceof SelfExcitingForecast h && h.lastFit() != null) {
            HawkesParameters p = h.lastFit().parameters();
            System.err.printf(Locale.ROOT, "hawkes: theta %.4f, omega %.4f/day (mean delay %.2f days), spread %.3f,"
                            + " background prior a %.4g b %.4g, penalised log-likelihood %.2f%n",
                    p.theta(), p.omega(), 1 / p.omega(), p.spread(), h.lastFit().prior().a(), h.lastFit().prior().b(),
                    h.lastFit().objective());
        }
        if (m instanceof StackedEnsemble e && e.lastWeights() != null) {
            double[] w = e.lastWeights();
            StringBuilder s = new StringBuilder("ensemble weights:");
            for (int k = 0; k < w.length; k++) {
                s.append(String.format(Locale.ROOT, " %s %.4f", e.members().get(k).name(), w[k]));
            }
            System.err.println(s);
        }
    }

    private void write(double[][] f, StudyRegion region, Periods periods, String crs) {
        CrsTransform transform = crs == null ? null : new CrsTransform(crs);
        int size = (int) Math.round(region.cellSize());
        Path csv = Path.of(out + ".csv");
        Path geojson = Path.of(out + ".geojson");
        try (PrintWriter c = new PrintWriter(Files.newBufferedWriter(csv, StandardCharsets.UTF_8));
                PrintWriter g = new PrintWriter(Files.newBufferedWriter(geojson, StandardCharsets.UTF_8))) {
            c.print("period,rank,cell,x,y,lon,lat,expected\n");
            g.print("{\"type\":\"FeatureCollection\",\"features\":[");
            boolean firstFeature = true;
            // Once per cell, not per row: with 168 periods the CSV has 168 rows per cell.
            String[] lonLats = new String[region.size()];
            for (int cell = 0; cell < lonLats.length; cell++) {
                lonLats[cell] = ",";
                if (transform != null) {
                    LonLat ll = transform.unproject(region.centreX(cell), region.centreY(cell));
                    lonLats[cell] = String.format(Locale.ROOT, "%.6f,%.6f", ll.lon(), ll.lat());
                }
            }
            for (int p = 0; p < periods.count(); p++) {
                double[] scores = f[p];
                Integer[] order = new Integer[scores.length];
                for (int i = 0; i < order.length; i++) {
                    order[i] = i;
                }
                // Highest first; ties in the scorer's order (west, then south).
                Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingInt(i -> i));
                for (int r = 0; r < order.length; r++) {
                    int cell = order[r];
                    String id = new GridCell(size, region.column(cell), region.row(cell)).id();
                    double x = region.centreX(cell);
                    double y = region.centreY(cell);
                    c.printf(Locale.ROOT, "%s,%d,%s,%.1f,%.1f,%s,%.6g%n", periods.name(p), r + 1, id, x, y, lonLats[cell],
                            scores[cell]);
                    if (r < top) {
                        g.print(firstFeature ? "\n" : ",\n");
                        firstFeature = false;
                        g.print(feature(region, cell, transform, periods.name(p), r + 1, id, scores[cell]));
                    }
                }
            }
            g.print("\n]}\n");
        } catch (IOException e) {
            throw new UserError("cannot write " + out + ".csv/.geojson (" + e.getMessage() + ")");
        }
        System.err.println("wrote " + csv + " and " + geojson + " (" + region.size() + " cells, "
                + String.format(Locale.ROOT, "%.1f", region.area() / 1e6) + " km²)");
    }

    private static String feature(StudyRegion region, int cell, CrsTransform transform, String period, int rank,
            String id, double expected) {
        double s = region.cellSize();
        double x0 = region.column(cell) * s;
        double y0 = region.row(cell) * s;
        double[][] corners = {{x0, y0}, {x0 + s, y0}, {x0 + s, y0 + s}, {x0, y0 + s}, {x0, y0}};
        StringBuilder ring = new StringBuilder();
        for (int k = 0; k < corners.length; k++) {
            double a = corners[k][0];
            double b = corners[k][1];
            if (transform != null) {
                LonLat ll = transform.unproject(a, b);
                a = ll.lon();
                b = ll.lat();
            }
            ring.append(k == 0 ? "" : ",").append(String.format(Locale.ROOT, "[%.7f,%.7f]", a, b));
        }
        return String.format(Locale.ROOT,
                "{\"type\":\"Feature\",\"properties\":{\"cell\":\"%s\",\"period\":\"%s\",\"rank\":%d,\"expected\":%.6g},"
                        + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[%s]]}}",
                id, period, rank, expected, ring);
    }
}
