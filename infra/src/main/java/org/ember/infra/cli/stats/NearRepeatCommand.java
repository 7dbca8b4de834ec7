package org.ember.infra.cli.stats;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ember.geo.nearrepeat.BandCell;
import org.ember.geo.nearrepeat.Bands;
import org.ember.geo.nearrepeat.NearRepeatCalculator;
import org.ember.geo.nearrepeat.NearRepeatTable;
import org.ember.infra.cli.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ember stats near-repeat}: a Near Repeat Calculator table. */
@Command(
        name = "near-repeat",
        mixinStandardHelpOptions = true,
        description = {
            "Near-repeat table in the manner of the Near Repeat Calculator: pairs of events counted by",
            "distance band and time band, against the mean over permutations of the event times.",
            "Band edges e0,e1,...,ek give the bands [e0-e1], (e1-e2], ..., (e(k-1)-ek] and the open band >ek:",
            "the first band includes both ends, later bands include their upper end only (a pair exactly 100",
            "apart is in [0-100]). Reads x,y,t (t: decimal days or ISO dates); writes",
            "space_band,time_band,observed,expected,ratio,p with p = (1 + #{perm >= observed})/(B + 1)."
        })
public final class NearRepeatCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "FILE", description = "CSV with a header: x,y,t (an id column may be present).")
    Path input;

    @Option(names = "--space-bands", required = true, paramLabel = "E0,E1,..",
            description = "Increasing distance band edges, e.g. 0,100,200,300,400.")
    String spaceEdges;

    @Option(names = "--time-bands", required = true, paramLabel = "E0,E1,..",
            description = "Increasing time band edges in days, e.g. 0,7,14,21,28.")
    String timeEdges;

    @Mixin
    PermutationOptions permutation;

    @Mixin
    PointColumns columns;

    @Mixin
    TimeColumn timeColumn;

    @Mixin
    CsvOutput output;

    @Override
    public Integer call() {
        int permutations = permutation.checkedPermutations();
        Bands space = bands(spaceEdges, "--space-bands");
        Bands time = bands(timeEdges, "--time-bands");
        CsvTable table = CsvTable.read(input).requireRows(2);
        double[] x = columns.xs(table);
        double[] y = columns.ys(table);
        double[] t = timeColumn.days(table);
        NearRepeatTable result = NearRepeatCalculator.analyse(x, y, t, space, time, permutations, permutation.seed);
        try (CsvOutput.Writer out = output.open()) {
            out.row("space_band", "time_band", "observed", "expected", "ratio", "p");
            for (BandCell cell : result.cells()) {
                out.row(cell.spaceBand(), cell.timeBand(), cell.observed(), cell.expected(), cell.ratio(), cell.p());
            }
        }
        return 0;
    }

    private static Bands bands(String edges, String flag) {
        try {
            return Bands.of(NumberListOption.parse(edges, flag));
        } catch (IllegalArgumentException e) {
            throw new UserError(flag + ": " + e.getMessage());
        }
    }
}
