package org.ember.infra.cli.stats;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ember.geo.nearrepeat.BandCell;
import org.ember.geo.nearrepeat.KnoxResult;
import org.ember.geo.nearrepeat.KnoxTest;
import org.ember.geo.nearrepeat.NearRepeatCalculator;
import org.ember.infra.cli.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ember stats knox}: the Knox test of space-time interaction. */
@Command(
        name = "knox",
        mixinStandardHelpOptions = true,
        description = {
            "Knox test for space-time interaction (near repeats). Every pair of events is close in space",
            "when at most --distance apart and close in time when at most --time days apart (both inclusive).",
            "Expected counts come from permuting the event times (seeded Monte Carlo);",
            "ratio = observed/expected, p = (1 + #{permutations >= observed})/(B + 1).",
            "Reads x,y,t (t: decimal days or ISO dates); writes cell,observed,expected,ratio,p for the",
            "cells space_and_time, time_only, space_only, neither. The test is the space_and_time row."
        })
public final class KnoxCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "FILE", description = "CSV with a header: x,y,t (an id column may be present).")
    Path input;

    @Option(names = "--distance", required = true, paramLabel = "D", description = "Close in space: at most D apart (unit of x and y).")
    double distance;

    @Option(names = "--time", required = true, paramLabel = "T", description = "Close in time: at most T days apart.")
    double time;

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
        OptionChecks.positive("--distance", distance);
        if (!(time > 0) || Double.isInfinite(time)) {
            throw new UserError("--time must be a positive number of days, got " + time);
        }
        int permutations = permutation.checkedPermutations();
        CsvTable table = CsvTable.read(input).requireRows(2);
        double[] x = columns.xs(table);
        double[] y = columns.ys(table);
        double[] t = timeColumn.days(table);
        KnoxResult knox = KnoxTest.run(x, y, t, distance, time, permutations, permutation.seed);
        try (CsvOutput.Writer out = output.open()) {
            out.row("cell", "observed", "expected", "ratio", "p");
            write(out, "space_and_time", knox.spaceAndTime());
            write(out, "time_only", knox.timeOnly());
            write(out, "space_only", knox.spaceOnly());
            write(out, "neither", knox.neither());
        }
        return 0;
    }

    private static void write(CsvOutput.Writer out, String name, BandCell cell) {
        out.row(name, cell.observed(), cell.expected(), cell.ratio(), cell.p());
    }
}
