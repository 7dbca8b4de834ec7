package org.ember.infra.cli.stats;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.ember.geo.scan.CoordinateSystem;
import org.ember.geo.scan.KulldorffScan;
import org.ember.geo.scan.SatScanFiles;
import org.ember.geo.scan.ScanAnalysis;
import org.ember.geo.scan.ScanCase;
import org.ember.geo.scan.ScanCluster;
import org.ember.geo.scan.ScanInputException;
import org.ember.geo.scan.ScanLocation;
import org.ember.geo.scan.ScanModel;
import org.ember.geo.scan.ScanParameters;
import org.ember.geo.scan.ScanResult;
import org.ember.infra.cli.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ember stats scan}: Kulldorff's spatial and space-time scan statistic on SaTScan files. */
@Command(
        name = "scan",
        mixinStandardHelpOptions = true,
        description = {
            "Kulldorff scan statistic (high rates), circular windows centred on each location, reading SaTScan's",
            "own files: cases 'location count [date YYYY/MM/DD]', coordinates 'location x y' (or with --latlon",
            "'location latitude longitude': distances in km as SaTScan, on a 6367 km sphere), population",
            "'location [year] population'. Models: poisson (needs --population) and space-time-permutation",
            "(cases only). Analyses: purely-spatial (the default for a case file without dates),",
            "retrospective, prospective (cylinders ending on --end). Monte Carlo p = rank/(B+1); prospective",
            "recurrence interval = 1/(p x 1 per day) days. Secondary clusters: no geographical overlap.",
            "Writes rank,centre,radius,locations,start,end,observed,expected,llr,p_value,recurrence_days,gumbel_p.",
            "--daily --from D1 --to D2: one prospective space-time permutation analysis per day D1..D2 in one",
            "process (study period: the --study-days days ending on each day; locations without a case in it",
            "take no part), rows prefixed with the analysis day. --early-stop H stops a day's replications once",
            "H replicate maxima reach its most likely cluster (p = H/replications run); the Gumbel p-value",
            "extends the recurrence interval beyond the replications."
        })
public final class ScanCommand implements Callable<Integer> {
    /** Command-line names of the models. */
    enum Model {
        poisson(ScanModel.POISSON), space_time_permutation(ScanModel.SPACE_TIME_PERMUTATION);

        final ScanModel model;

        Model(ScanModel model) {
            this.model = model;
        }
    }

    /** Command-line names of the analyses. */
    enum Analysis {
        purely_spatial(ScanAnalysis.PURELY_SPATIAL), retrospective(ScanAnalysis.RETROSPECTIVE),
        prospective(ScanAnalysis.PROSPECTIVE);

        final ScanAnalysis analysis;

        Analysis(ScanAnalysis analysis) {
            this.analysis = analysis;
        }
    }

    @Option(names = "--cases", required = true, paramLabel = "FILE", description = "SaTScan case file.")
    Path casesFile;

    @Option(names = "--coordinates", required = true, paramLabel = "FILE", description = "SaTScan coordinates file.")
    Path coordinatesFile;

    @Option(names = "--population", paramLabel = "FILE", description = "SaTScan population (or expected-count) file; Poisson model.")
    Path populationFile;

    @Option(names = "--model", required = true, paramLabel = "MODEL", converter = ModelConverter.class,
            description = "poisson or space-time-permutation.")
    Model model;

    @Option(names = "--analysis", paramLabel = "ANALYSIS", converter = AnalysisConverter.class,
            description = "purely-spatial, retrospective or prospective (default: purely-spatial without dates, else retrospective).")
    Analysis analysis;

    @Option(names = "--start", paramLabel = "DATE", description = "Study period start (YYYY-MM-DD or YYYY/MM/DD).")
    String start;

    @Option(names = "--end", paramLabel = "DATE", description = "Study period end, inclusive.")
    String end;

    @Option(names = "--prospective-start", paramLabel = "DATE",
            description = "First prospective analysis date; only a single analysis on --end is run, so it must equal --end.")
    String prospectiveStart;

    @Option(names = "--max-radius", paramLabel = "R", description = "Largest circle radius (km with --latlon).")
    Double maxRadius;

    @Option(names = "--max-fraction", defaultValue = "0.5", paramLabel = "X",
            description = "Largest share of the population at risk (cases for space-time permutation) in a circle (default: ${DEFAULT-VALUE}).")
    double maxFraction;

    @Option(names = "--max-days", defaultValue = "7", paramLabel = "N", description = "Longest cylinder in days (default: ${DEFAULT-VALUE}).")
    int maxDays;

    @Option(names = "--replications", defaultValue = "999", paramLabel = "B", description = "Monte Carlo replications (default: ${DEFAULT-VALUE}).")
    int replications;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--min-cases", defaultValue = "2", paramLabel = "N", description = "Fewest cases in a cluster (default: ${DEFAULT-VALUE}).")
    int minCases;

    @Option(names = "--latlon", description = "Coordinates are latitude longitude (degrees).")
    boolean latlon;

    @Option(names = "--daily", description = "Run a prospective analysis for each day --from..--to.")
    boolean daily;

    @Option(names = "--from", paramLabel = "DATE", description = "With --daily: first analysis day.")
    String fromDay;

    @Option(names = "--to", paramLabel = "DATE", description = "With --daily: last analysis day.")
    String toDay;

    @Option(names = "--study-days", defaultValue = "365", paramLabel = "N",
            description = "With --daily: days in each study period (default: ${DEFAULT-VALUE}).")
    int studyDays;

    @Option(names = "--early-stop", defaultValue = "0", paramLabel = "H",
            description = "Stop replications once H maxima reach the most likely cluster; 0 = never (default: ${DEFAULT-VALUE}).")
    int earlyStop;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads for the replications (default: the available processors).")
    Integer threads;

    @Mixin
    CsvOutput output;

    /** Accepts the dashed names of the models. */
    static final class ModelConverter implements picocli.CommandLine.ITypeConverter<Model> {
        @Override
        public Model convert(String value) {
            return Model.valueOf(value.toLowerCase(java.util.Locale.ROOT).replace('-', '_'));
        }
    }

    /** Accepts the dashed names of the analyses. */
    static final class AnalysisConverter implements picocli.CommandLine.ITypeConverter<Analysis> {
        @Override
        public Analysis convert(String value) {
            return Analysis.valueOf(value.toLowerCase(java.util.Locale.ROOT).replace('-', '_'));
        }
    }

    @Override
    public Integer call() {
        if (daily) {
            return new DailyScanRun(this).call();
        }
        if (maxRadius != null && !(maxRadius > 0)) {
            throw new UserError("--max-radius must be positive, got " + maxRadius);
        }
        if (!(maxFraction > 0 && maxFraction <= 0.5)) {
            throw new UserError("--max-fraction must be in (0, 0.5], got " + maxFraction);
        }
        if (replications < 0 || maxDays < 1 || minCases < 1) {
            throw new UserError("--replications >= 0, --max-days >= 1 and --min-cases >= 1 needed");
        }
        try {
            List<ScanLocation> locations = SatScanFiles.readCoordinates(coordinatesFile);
            if (locations.isEmpty()) {
                throw new UserError(coordinatesFile + " has no locations");
            }
            Set<String> ids = new HashSet<>();
            for (ScanLocation l : locations) {
                if (!ids.add(l.id())) {
                    throw new UserError(coordinatesFile + ": location " + l.id() + " appears twice");
                }
            }
            LocalDate from = start == null ? null : date("--start", start);
            LocalDate to = end == null ? null : date("--end", end);
            List<ScanCase> cases = SatScanFiles.readCases(casesFile, ids, from, to);
            boolean dated = cases.stream().anyMatch(c -> c.date() != null);
            ScanAnalysis kind = analysis != null ? analysis.analysis
                    : dated ? ScanAnalysis.RETROSPECTIVE : ScanAnalysis.PURELY_SPATIAL;
            if (kind != ScanAnalysis.PURELY_SPATIAL) {
                if (from == null || to == null) {
                    throw new UserError("a space-time analysis needs --start and --end");
                }
                for (int i = 0; i < cases.size(); i++) {
                    if (cases.get(i).date() == null) {
                        throw new UserError(casesFile + ": case of " + cases.get(i).location()
                                + " has no date, but the analysis is " + kind.name().toLowerCase(java.util.Locale.ROOT));
                    }
                }
            }
            if (prospectiveStart != null) {
                if (kind != ScanAnalysis.PROSPECTIVE) {
                    throw new UserError("--prospective-start needs --analysis prospective");
                }
                if (!date("--prospective-start", prospectiveStart).equals(to)) {
                    throw new UserError("--prospective-start must equal --end: one analysis on the end date is run"
                            + " (run the command once per day for surveillance)");
                }
            }
            if (model.model == ScanModel.SPACE_TIME_PERMUTATION && kind == ScanAnalysis.PURELY_SPATIAL) {
                throw new UserError("the space-time permutation model needs dated cases and a space-time analysis");
            }
            Map<String, Double> population = null;
            if (model.model == ScanModel.POISSON) {
                if (populationFile == null) {
                    throw new UserError("the Poisson model needs --population");
                }
                population = SatScanFiles.readPopulation(populationFile);
                for (String id : ids) {
                    if (!population.containsKey(id)) {
                        throw new UserError(populationFile + ": no population for location " + id);
                    }
                }
            }
            LocalDate studyStart = from != null ? from : LocalDate.of(2000, 1, 1);
            LocalDate studyEnd = to != null ? to : studyStart;
            ScanParameters parameters;
            try {
                parameters = new ScanParameters(model.model, kind, studyStart, studyEnd,
                        maxRadius == null ? Double.POSITIVE_INFINITY : maxRadius, maxFraction, maxDays, replications,
                        seed, minCases);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            ScanResult result;
            java.util.concurrent.ExecutorService pool = pool();
            try {
                result = new KulldorffScan(locations, latlon ? CoordinateSystem.LAT_LON : CoordinateSystem.CARTESIAN,
                        parameters).run(cases, population, inference(pool));
            } finally {
                pool.shutdownNow();
            }
            System.err.println("scan: " + result.locations() + " locations, " + result.totalCases() + " cases, "
                    + result.clusters().size() + " clusters");
            try (CsvOutput.Writer out = output.open()) {
                out.row("rank", "centre", "radius", "locations", "start", "end", "observed", "expected", "llr", "p_value",
                        "recurrence_days", "gumbel_p");
                for (ScanCluster c : result.clusters()) {
                    out.row(c.rank(), c.centre(), c.radius(), String.join(";", c.locations()),
                            c.start() == null ? "" : c.start(), c.end() == null ? "" : c.end(), c.observed(),
                            c.expected(), c.llr(), c.pValue(), c.recurrenceDays(), c.gumbelPValue());
                }
            }
            return 0;
        } catch (ScanInputException e) {
            throw new UserError(e.getMessage());
        } catch (NoSuchFileException e) {
            throw new UserError(e.getFile() + ": no such file");
        } catch (IOException e) {
            throw new UserError("cannot read input (" + e.getMessage() + ")");
        }
    }

    /** Threads of this command's own (never the common pool), daemon so a failure cannot hang the CLI. */
    java.util.concurrent.ExecutorService pool() {
        int n = threads();
        return java.util.concurrent.Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "scan-replications");
            t.setDaemon(true);
            return t;
        });
    }

    int threads() {
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw new UserError("--threads must be >= 1, got " + n);
        }
        return n;
    }

    org.ember.geo.scan.ScanInference inference(java.util.concurrent.ExecutorService pool) {
        if (earlyStop < 0) {
            throw new UserError("--early-stop must be >= 0, got " + earlyStop);
        }
        return new org.ember.geo.scan.ScanInference(replications, earlyStop, true, pool, threads());
    }

    static LocalDate date(String option, String text) {
        String[] p = text.split("[/-]");
        try {
            return LocalDate.of(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
        } catch (RuntimeException e) {
            throw new UserError(option + " '" + text + "' is not a date (YYYY-MM-DD or YYYY/MM/DD)");
        }
    }
}
