package org.ember.infra.cli.stats;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ember.geo.aberration.DailyAssessment;
import org.ember.geo.aberration.EarsC;
import org.ember.infra.cli.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ember stats ears}: CDC EARS C1/C2/C3 on daily counts. */
@Command(
        name = "ears",
        mixinStandardHelpOptions = true,
        description = {
            "EARS C1, C2 or C3 aberration detection on daily counts, as R surveillance::earsC.",
            "C1: baseline = the previous DAYS days; C2: the same with a 2-day gap; C3: C2 with the excess of",
            "the two previous days. Upper bound: mean + z(1-alpha) sd (C1, C2); C3 as earsC defines it.",
            "Reads date,count (consecutive days); writes date,observed,statistic,upper_bound,alarm",
            "(statistic: (observed - mean)/sd for C1/C2, the C3 sum for C3; alarm: observed > upper_bound)."
        })
public final class EarsCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "FILE", description = "CSV with a header: date,count (daily).")
    Path input;

    @Option(names = "--method", required = true, paramLabel = "METHOD", description = "C1, C2 or C3.")
    EarsC.Method method;

    @Option(names = "--baseline", defaultValue = "7", paramLabel = "DAYS", description = "Baseline days (>= 3, default: ${DEFAULT-VALUE}).")
    int baseline;

    @Option(names = "--alpha", paramLabel = "A", description = "One-sided level (default: 0.001 for C1/C2, 0.025 for C3, as earsC).")
    Double alpha;

    @Mixin
    CsvOutput output;

    @Override
    public Integer call() {
        if (baseline < 3) {
            throw new UserError("--baseline must be at least 3 days, got " + baseline);
        }
        double a = alpha == null ? EarsC.defaultAlpha(method) : alpha;
        if (!(a > 0 && a < 1)) {
            throw new UserError("--alpha must be between 0 and 1, got " + a);
        }
        EarsC ears = new EarsC(method, baseline, a, 0);
        DatedCounts series = DatedCounts.read(input, 1, ears.firstAssessableIndex() + 1);
        try (CsvOutput.Writer out = output.open()) {
            out.row("date", "observed", "statistic", "upper_bound", "alarm");
            for (DailyAssessment d : ears.assess(series.counts())) {
                out.row(series.dates()[d.index()], d.observed(), d.statistic(), d.upperBound(), d.alarm());
            }
        }
        return 0;
    }
}
