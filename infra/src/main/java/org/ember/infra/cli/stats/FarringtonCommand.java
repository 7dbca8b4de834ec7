package org.ember.infra.cli.stats;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.ember.geo.aberration.FarringtonControl;
import org.ember.geo.aberration.FarringtonFlexible;
import org.ember.infra.cli.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ember stats farrington}: outbreak detection on weekly counts. */
@Command(
        name = "farrington",
        mixinStandardHelpOptions = true,
        description = {
            "Farrington (1996) or improved Farrington (Noufaily et al. 2013) outbreak detection on weekly counts,",
            "as R surveillance::farringtonFlexible. Reads date,count (one row per week, 7 days apart); writes",
            "date,observed,expected,upper_bound,alarm for every week with b years (+ w weeks) of history.",
            "farrington1996: windows of +-w weeks around the same week in past years, reweighting at 2.58,",
            "delta-method threshold. noufaily: 10 seasonal periods, reweighting at 1, last 26 weeks left out,",
            "negative-binomial threshold. NA = fewer than 5 cases in the last 4 weeks (no alarm possible).",
            "Reference weeks: by date (default; the same calendar week b years back, as surveillance with",
            "epochAsDate) or by index (week k - 52*i, as surveillance for a series without dates). Past",
            "outbreaks are down-weighted (Anscombe residuals above --weights-threshold) unless --no-reweight."
        })
public final class FarringtonCommand implements Callable<Integer> {
    /** How reference weeks are found. */
    enum ReferenceWeeks {
        by_date, by_index
    }

    /** Accepts by-date / by-index. */
    static final class ReferenceWeeksConverter implements picocli.CommandLine.ITypeConverter<ReferenceWeeks> {
        @Override
        public ReferenceWeeks convert(String value) {
            return ReferenceWeeks.valueOf(value.toLowerCase(java.util.Locale.ROOT).replace('-', '_'));
        }
    }

    /** The two published variants. */
    enum Variant {
        farrington1996, noufaily
    }

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "CSV with a header: date,count (weekly).")
    Path input;

    @Option(names = "--variant", required = true, paramLabel = "VARIANT",
            description = "farrington1996 or noufaily.")
    Variant variant;

    @Option(names = "--years-back", defaultValue = "5", paramLabel = "B", description = "Years of history b (default: ${DEFAULT-VALUE}).")
    int yearsBack;

    @Option(names = "--window", defaultValue = "3", paramLabel = "W", description = "Window half-width w in weeks (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--alpha", defaultValue = "0.05", paramLabel = "A", description = "One-sided level of the upper bound (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--from", paramLabel = "DATE", description = "First week to assess (default: the first with enough history).")
    LocalDate from;

    @Option(names = "--reference-weeks", defaultValue = "by-date", paramLabel = "MODE",
            converter = ReferenceWeeksConverter.class,
            description = "by-date or by-index (default: ${DEFAULT-VALUE}).")
    ReferenceWeeks referenceWeeks;

    @Option(names = "--reweight", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Down-weight past outbreaks in the fit (default: on; --no-reweight turns it off).")
    boolean reweight;

    @Option(names = "--weights-threshold", paramLabel = "S",
            description = "Anscombe residual above which a past week is down-weighted (default: 2.58 farrington1996, 1 noufaily).")
    Double weightsThreshold;

    @Mixin
    CsvOutput output;

    @Override
    public Integer call() {
        if (yearsBack < 1 || window < 0) {
            throw new UserError("--years-back must be >= 1 and --window >= 0");
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new UserError("--alpha must be between 0 and 1, got " + alpha);
        }
        DatedCounts series = DatedCounts.read(input, 7, 1);
        FarringtonControl control = (variant == Variant.farrington1996
                        ? FarringtonControl.farrington1996()
                        : FarringtonControl.noufaily())
                .withYearsBack(yearsBack).withWindowHalfWidth(window).withAlpha(alpha).withReweight(reweight);
        if (weightsThreshold != null) {
            if (!(weightsThreshold > 0)) {
                throw new UserError("--weights-threshold must be positive, got " + weightsThreshold);
            }
            control = control.withWeightsThreshold(weightsThreshold);
        }
        FarringtonFlexible detector = new FarringtonFlexible(control);
        int first = detector.firstAssessableIndex();
        if (from != null) {
            int requested = (int) java.time.temporal.ChronoUnit.DAYS.between(series.dates()[0], from) / 7;
            if (requested < 0 || requested >= series.counts().length || !series.dates()[requested].equals(from)) {
                throw new UserError("--from " + from + " is not a week of " + input);
            }
            if (requested < first) {
                throw new UserError("--from " + from + " has too little history: the first week with " + yearsBack
                        + " years (+" + window + " weeks) before it is " + (first < series.dates().length
                                ? series.dates()[first] : "beyond the end of " + input));
            }
            first = requested;
        }
        if (first >= series.counts().length) {
            throw new UserError(input + " has " + series.counts().length + " weeks; at least " + (first + 1)
                    + " are needed for b = " + yearsBack + ", w = " + window);
        }
        List<FarringtonFlexible.Result> results;
        try {
            results = detector.assess(series.counts(),
                    referenceWeeks == ReferenceWeeks.by_date ? series.dates() : null, first, series.counts().length - 1);
        } catch (IllegalArgumentException e) {
            throw new UserError(input + ": " + e.getMessage());
        }
        try (CsvOutput.Writer out = output.open()) {
            out.row("date", "observed", "expected", "upper_bound", "alarm");
            for (FarringtonFlexible.Result r : results) {
                out.row(series.dates()[r.index()], r.observed(), r.expected(), r.upperBound(), r.alarm());
            }
        }
        return 0;
    }
}
