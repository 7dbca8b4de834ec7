package org.ember.infra.cli.forecast;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ember.geo.calendar.BankHolidays;
import org.ember.geo.calendar.SchoolCalendar;
import org.ember.geo.calendar.SchoolStatus;
import org.ember.geo.forecast.DayTypes;
import org.ember.geo.forecast.EventSeries;
import org.ember.geo.forecast.ForecastMethod;
import org.ember.geo.forecast.HawkesFit;
import org.ember.geo.forecast.NaiveCounts;
import org.ember.geo.forecast.Periods;
import org.ember.geo.forecast.SeasonalAdjustment;
import org.ember.geo.forecast.SelfExcitingForecast;
import org.ember.geo.forecast.StackedEnsemble;
import org.ember.geo.forecast.StudyRegion;
import org.ember.geo.forecast.TimeWeightedKde;
import org.ember.infra.cli.UserError;
import picocli.CommandLine.Option;

/** The options {@code ember forecast} and {@code ember forecast evaluate} share (a picocli mixin). */
public final class ForecastOptions {
    @Option(names = "--events", split = ",", paramLabel = "FILE",
            description = "Event file(s) or directories (CSV or CSV.gz; see --format).")
    List<Path> events;

    @Option(names = "--format", defaultValue = "auto", paramLabel = "F",
            description = "auto, xyt, policeuk, chicago or nypd (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--crs", paramLabel = "EPSG", description = "Metric CRS to project longitudes/latitudes to (default: by format).")
    String crs;

    @Option(names = "--crime-type", defaultValue = "Violence and sexual offences", paramLabel = "TYPE",
            description = "police.uk only: the Crime type to keep (default: ${DEFAULT-VALUE}).")
    String crimeType;

    @Option(names = "--cell", defaultValue = "150", paramLabel = "M", description = "Cell size in metres (default: ${DEFAULT-VALUE}).")
    double cell;

    @Option(names = "--horizon", defaultValue = "7d", paramLabel = "SPAN", description = "Forecast horizon, e.g. 7d or 1mo (default: ${DEFAULT-VALUE}).")
    String horizon;

    @Option(names = "--training", defaultValue = "365d", paramLabel = "SPAN", description = "Training window (default: ${DEFAULT-VALUE}).")
    String training;

    @Option(names = "--periods", defaultValue = "all", paramLabel = "P",
            description = "all, daynight (07-19 / 19-07) or hourofweek (default: ${DEFAULT-VALUE}).")
    String periods;

    @Option(names = "--region", defaultValue = "hull", paramLabel = "R",
            description = "Study region: hull (cells whose centre is in the convex hull of all events) or covered (cells with an event) (default: ${DEFAULT-VALUE}).")
    String region;

    @Option(names = "--bandwidth", defaultValue = "300", paramLabel = "M", description = "KDE bandwidth in metres (default: ${DEFAULT-VALUE}).")
    double bandwidth;

    @Option(names = "--decay", defaultValue = "90", paramLabel = "DAYS",
            description = "KDE time weight exp(-age/DAYS); 0 for none (default: ${DEFAULT-VALUE}).")
    double decay;

    @Option(names = "--lookback", defaultValue = "0", paramLabel = "DAYS",
            description = "Naive counts look-back in days; 0 = the training window (default: ${DEFAULT-VALUE}).")
    double lookback;

    @Option(names = "--ensemble-origins", defaultValue = "8", paramLabel = "K",
            description = "Past origins the ensemble learns its weights on (default: ${DEFAULT-VALUE}).")
    int ensembleOrigins;

    @Option(names = "--plain-hawkes", description = "Fit the Hawkes process by plain maximum likelihood (no priors), for comparison.")
    boolean plainHawkes;

    @Option(names = "--calendar", paramLabel = "DIR",
            description = "Directory with govuk_bank-holidays_*.json and school_term_dates_transcribed.csv (UK data).")
    Path calendar;

    @Option(names = "--school-la", paramLabel = "CODE",
            description = "Local authority (code) whose school terms apply; without it only bank holidays are marked.")
    String schoolLa;

    EventFile.Loaded load() {
        // Checked here, not by picocli: a required option on 'forecast' would also be required by 'forecast evaluate'.
        if (events == null || events.isEmpty()) {
            throw new UserError("missing --events FILE");
        }
        if (!(cell > 0)) {
            throw new UserError("--cell must be positive, got " + cell);
        }
        EventFile.Loaded loaded = EventFile.read(events, format, crs, crimeType);
        if (loaded.skipped() > 0) {
            System.err.println("skipped " + loaded.skipped() + " rows without coordinates");
        }
        return loaded;
    }

    Span horizonSpan() {
        return Span.parse("--horizon", horizon);
    }

    Span trainingSpan() {
        return Span.parse("--training", training);
    }

    Periods periodScheme(EventSeries events) {
        Periods p;
        try {
            p = Periods.parse(periods);
        } catch (IllegalArgumentException e) {
            throw new UserError("--periods: " + e.getMessage());
        }
        if (events.monthResolution() && p != Periods.ALL) {
            throw new UserError("--periods " + periods + ": police.uk gives only the month of each event; use --periods all");
        }
        if (events.monthResolution() && horizonSpan().months() == 0) {
            throw new UserError("--horizon " + horizon + ": police.uk gives only the month of each event; use whole months (1mo)");
        }
        return p;
    }

    StudyRegion studyRegion(EventSeries events) {
        return switch (region) {
            case "hull" -> StudyRegion.convexHull(events, cell);
            case "covered" -> StudyRegion.coveredCells(events, cell);
            default -> throw new UserError("--region: '" + region + "' is neither hull nor covered");
        };
    }

    DayTypes dayTypes() {
        if (calendar == null) {
            return DayTypes.NONE;
        }
        try {
            List<Path> snapshots = new ArrayList<>();
            try (Stream<Path> s = Files.list(calendar)) {
                s.filter(f -> f.getFileName().toString().startsWith("govuk_bank-holidays")).sorted().forEach(snapshots::add);
            }
            BankHolidays bank = BankHolidays.read(BankHolidays.ENGLAND_AND_WALES, snapshots);
            Path terms = calendar.resolve("school_term_dates_transcribed.csv");
            SchoolCalendar school = schoolLa != null && Files.exists(terms) ? SchoolCalendar.read(terms)
                    : new SchoolCalendar(List.of());
            return date -> {
                if (bank.isBankHoliday(date)) {
                    return DayTypes.BANK_HOLIDAY;
                }
                SchoolStatus s = schoolLa == null ? null : school.status(schoolLa, date);
                return s == SchoolStatus.HOLIDAY || s == SchoolStatus.HALF_TERM ? DayTypes.SCHOOL_HOLIDAY : DayTypes.ORDINARY;
            };
        } catch (IOException | RuntimeException e) {
            throw new UserError("--calendar " + calendar + ": " + e.getMessage());
        }
    }

    /** The four single methods, in table order. */
    List<ForecastMethod> members() {
        TimeWeightedKde kde = new TimeWeightedKde(bandwidth, decay);
        HawkesFit fit = plainHawkes ? HawkesFit.plainMaximumLikelihood() : HawkesFit.robustDefault();
        return List.of(new NaiveCounts(lookback), kde, new SelfExcitingForecast(fit),
                new SeasonalAdjustment(kde, dayTypes(), 20));
    }

    ForecastMethod method(String name, double stepDays) {
        List<ForecastMethod> members = members();
        if (name.equals("ensemble")) {
            if (ensembleOrigins < 1) {
                throw new UserError("--ensemble-origins must be at least 1");
            }
            return new StackedEnsemble(members, ensembleOrigins, stepDays);
        }
        for (ForecastMethod m : members) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        throw new UserError("--method: unknown method '" + name + "' (naive, kde, hawkes, seasonal, ensemble)");
    }
}
