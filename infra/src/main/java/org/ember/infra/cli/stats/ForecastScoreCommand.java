package org.ember.infra.cli.stats;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ember.geo.scoring.ForecastCell;
import org.ember.geo.scoring.ForecastScore;
import org.ember.geo.scoring.ForecastScoring;
import org.ember.infra.cli.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ember stats forecast-score}: hit rate, PAI and PEI of a hotspot forecast. */
@Command(
        name = "forecast-score",
        mixinStandardHelpOptions = true,
        description = {
            "Scores a ranked grid forecast against the events that followed. The top ceil(coverage x N) cells",
            "by score are flagged; hit rate = share of events in them, PAI = hit rate / area share (Chainey,",
            "Tompson & Uhlig 2008), PEI = PAI / the best PAI of as many cells. Events outside every forecast",
            "cell are outside the study area and not counted. Reads x,y,score and x,y (any point of a cell);",
            "writes coverage,cells,hit_rate,pai,pei."
        })
public final class ForecastScoreCommand implements Callable<Integer> {
    @Option(names = "--forecast", required = true, paramLabel = "FILE", description = "CSV: x,y,score, one row per cell.")
    Path forecast;

    @Option(names = "--cell", required = true, paramLabel = "C", description = "Cell size (same units as x, y).")
    double cell;

    @Option(names = "--events", required = true, paramLabel = "FILE", description = "CSV: x,y of the events that followed.")
    Path events;

    @Option(names = "--coverage", defaultValue = "0.02", split = ",", paramLabel = "F",
            description = "Fraction(s) of the cells to flag, comma-separated (default: ${DEFAULT-VALUE}).")
    double[] coverage;

    @Mixin
    CsvOutput output;

    @Override
    public Integer call() {
        OptionChecks.positive("--cell", cell);
        for (double c : coverage) {
            if (!(c > 0 && c <= 1)) {
                throw new UserError("--coverage must be in (0, 1], got " + c);
            }
        }
        CsvTable f = CsvTable.read(forecast).requireRows(1);
        CsvTable.Column fx = f.column("x", "an 'x' header");
        CsvTable.Column fy = f.column("y", "a 'y' header");
        CsvTable.Column fs = f.column("score", "a 'score' header");
        List<ForecastCell> cells = new ArrayList<>();
        for (int r = 0; r < f.rowCount(); r++) {
            cells.add(new ForecastCell(f.number(r, fx), f.number(r, fy), f.number(r, fs)));
        }
        CsvTable e = CsvTable.read(events);
        CsvTable.Column ex = e.column("x", "an 'x' header");
        CsvTable.Column ey = e.column("y", "a 'y' header");
        List<double[]> points = new ArrayList<>();
        for (int r = 0; r < e.rowCount(); r++) {
            points.add(new double[] {e.number(r, ex), e.number(r, ey)});
        }
        ForecastScoring scoring = new ForecastScoring(cell);
        try (CsvOutput.Writer out = output.open()) {
            out.row("coverage", "cells", "hit_rate", "pai", "pei");
            for (double c : coverage) {
                ForecastScore s;
                try {
                    s = scoring.score(cells, points, c);
                } catch (IllegalArgumentException ex2) {
                    throw new UserError(forecast + ": " + ex2.getMessage());
                }
                out.row(s.coverage(), s.cells(), s.hitRate(), s.pai(), s.pei());
            }
        }
        return 0;
    }
}
