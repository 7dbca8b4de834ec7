package org.ember.infra.cli.forecast;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ember.geo.forecast.EventSeries;
import org.ember.geo.forecast.Periods;
import org.ember.geo.forecast.RollingEvaluation;
import org.ember.geo.forecast.StudyRegion;
import org.ember.infra.cli.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ember forecast evaluate}: every method on a rolling origin, scored at several coverages. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Rolling-origin evaluation: from --from, every --step, each method forecasts the next --horizon",
            "from the --training window before the origin; the events that followed score the ranking at each",
            "--coverage of the study region: hit rate, PAI, PEI and the recapture rate index (against the",
            "horizon-long period before the origin). The ensemble learns its weights on earlier origins only.",
            "Writes DIR/scores.csv (per origin), DIR/summary.csv (means) and DIR/chart.svg; prints the summary."
        })
public final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    ForecastOptions options;

    @Option(names = "--from", required = true, paramLabel = "DATE", description = "First origin.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "DATE", description = "Horizons must end by this date (exclusive).")
    String to;

    @Option(names = "--step", paramLabel = "SPAN", description = "Between origins (default: the horizon).")
    String step;

    @Option(names = "--coverage", defaultValue = "0.01,0.02,0.05", split = ",", paramLabel = "F",
            description = "Fractions of the study region to flag (default: ${DEFAULT-VALUE}).")
    double[] coverage;

    @Option(names = "--out", defaultValue = "forecast-evaluation", paramLabel = "DIR",
            description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() {
        for (double c : coverage) {
            if (!(c > 0 && c <= 1)) {
                throw new UserError("--coverage must be in (0, 1], got " + c);
            }
        }
        double first = ForecastCommand.parseOrigin("--from", from);
        double last = ForecastCommand.parseOrigin("--to", to);
        if (!(last > first)) {
            throw new UserError("--to must be after --from");
        }
        long started = System.nanoTime();
        EventFile.Loaded loaded = options.load();
        EventSeries events = loaded.events();
        Periods periods = options.periodScheme(events);
        Span horizon = options.horizonSpan();
        Span stepSpan = step == null ? horizon : Span.parse("--step", step);
        StudyRegion region = options.studyRegion(events);
        long loadedAt = System.nanoTime();
        RollingEvaluation evaluation = new RollingEvaluation(options.members(), options.ensembleOrigins, coverage);
        List<RollingEvaluation.Row> rows = evaluation.run(events, region, first, last, options.trainingSpan().approxDays(),
                periods, stepSpan::after, horizon::after, stepSpan::before);
        if (rows.isEmpty()) {
            throw new UserError("no origin between --from " + from + " and --to " + to + " leaves room for a "
                    + horizon.text() + " horizon");
        }
        List<RollingEvaluation.Summary> summary = RollingEvaluation.summarise(rows);
        long done = System.nanoTime();
        try {
            Files.createDirectories(out);
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("scores.csv"), StandardCharsets.UTF_8))) {
                w.print("method,origin,period,coverage,cells,events,hit_rate,pai,pei,rri\n");
                for (RollingEvaluation.Row r : rows) {
                    w.printf(Locale.ROOT, "%s,%s,%s,%s,%d,%d,%s,%s,%s,%s%n", r.method(), date(r.origin()), r.period(),
                            num(r.score().coverage()), r.score().cells(), r.events(), num(r.score().hitRate()),
                            num(r.score().pai()), num(r.score().pei()), num(r.score().rri()));
                }
            }
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("summary.csv"), StandardCharsets.UTF_8))) {
                writeSummary(w, summary);
            }
            Files.writeString(out.resolve("chart.svg"), EvaluationChart.svg(summary, title(loaded, region)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError("cannot write to " + out + " (" + e.getMessage() + ")");
        }
        PrintWriter stdout = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
        writeSummary(stdout, summary);
        stdout.flush();
        System.err.printf(Locale.ROOT, "%d events (%s), study region %d cells = %.1f km² (%s), %d origins;"
                        + " read %.1f s, forecasts and scores %.1f s%n",
                events.size(), loaded.format(), region.size(), region.area() / 1e6, options.region,
                rows.stream().map(RollingEvaluation.Row::origin).distinct().count(),
                (loadedAt - started) / 1e9, (done - loadedAt) / 1e9);
        return 0;
    }

    private String title(EventFile.Loaded loaded, StudyRegion region) {
        return String.format(Locale.ROOT, "%s, %s to %s, %.0f m cells, horizon %s, training %s", loaded.format(), from, to,
                region.cellSize(), options.horizon, options.training);
    }

    private static void writeSummary(PrintWriter w, List<RollingEvaluation.Summary> summary) {
        w.print("method,period,coverage,origins,hit_rate,pai,pei,rri,pooled_hit_rate\n");
        for (RollingEvaluation.Summary s : summary) {
            w.printf(Locale.ROOT, "%s,%s,%s,%d,%s,%s,%s,%s,%s%n", s.method(), s.period(), num(s.coverage()), s.origins(),
                    num(s.meanHitRate()), num(s.meanPai()), num(s.meanPei()), num(s.meanRri()), num(s.pooledHitRate()));
        }
    }

    static String date(double t) {
        java.time.LocalDateTime d = java.time.LocalDateTime.ofEpochSecond(Math.round(t * 86400), 0, java.time.ZoneOffset.UTC);
        return d.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? d.toLocalDate().toString() : d.toString();
    }

    static String num(double v) {
        return Double.isNaN(v) ? "NA" : String.format(Locale.ROOT, "%.4f", v);
    }
}
