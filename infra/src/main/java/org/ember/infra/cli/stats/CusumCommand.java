package org.ember.infra.cli.stats;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ember.geo.aberration.DailyAssessment;
import org.ember.geo.aberration.StandardizedCusum;
import org.ember.infra.cli.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ember stats cusum}: standardised Poisson CUSUM on daily counts. */
@Command(
        name = "cusum",
        mixinStandardHelpOptions = true,
        description = {
            "One-sided standardised CUSUM, as R surveillance::algo.cusum with trans = \"standard\":",
            "z = (y - m)/sqrt(m), S = max(0, S' + z - k), alarm when S >= h, upper bound",
            "ceil(sqrt(m)(h + k - S') + m). m = mean of the first --training days, which are not monitored.",
            "Reads date,count (consecutive days); writes date,observed,statistic,upper_bound,alarm (statistic = S)."
        })
public final class CusumCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "FILE", description = "CSV with a header: date,count (daily).")
    Path input;

    @Option(names = "--k", defaultValue = "1.04", paramLabel = "K", description = "Reference value k (default: ${DEFAULT-VALUE}).")
    double k;

    @Option(names = "--h", defaultValue = "2.26", paramLabel = "H", description = "Decision limit h (default: ${DEFAULT-VALUE}).")
    double h;

    @Option(names = "--training", defaultValue = "28", paramLabel = "DAYS", description = "Days used to estimate m (default: ${DEFAULT-VALUE}).")
    int training;

    @Mixin
    CsvOutput output;

    @Override
    public Integer call() {
        if (!(k >= 0) || !(h > 0)) {
            throw new UserError("--k must be >= 0 and --h > 0");
        }
        if (training < 1) {
            throw new UserError("--training must be at least 1 day");
        }
        DatedCounts series = DatedCounts.read(input, 1, training + 1);
        double mean = 0;
        for (int i = 0; i < training; i++) {
            mean += series.counts()[i];
        }
        if (mean == 0) {
            throw new UserError(input + ": the " + training + " training days have no cases, so m = 0");
        }
        try (CsvOutput.Writer out = output.open()) {
            out.row("date", "observed", "statistic", "upper_bound", "alarm");
            for (DailyAssessment d : new StandardizedCusum(k, h).assess(series.counts(), training)) {
                out.row(series.dates()[d.index()], d.observed(), d.statistic(), d.upperBound(), d.alarm());
            }
        }
        return 0;
    }
}
