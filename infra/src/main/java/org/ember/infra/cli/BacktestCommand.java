package org.ember.infra.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.ember.deployment.Deployment;
import org.ember.geo.fusion.FusionSettings;
import org.ember.infra.EmberPaths;
import org.ember.infra.backtest.History;
import org.ember.infra.backtest.SeriousIncidents;
import org.ember.infra.demo.DeadLetterSummary;
import org.ember.infra.simulator.SimulatedArea;
import org.ember.infra.cli.rules.DurationOption;
import org.ember.jobs.DeploymentJobs;
import org.ember.jobs.EmberJobRunner;
import org.ember.jobs.JobSettings;
import org.ember.model.Feed;
import org.ember.model.privacy.PseudonymKeys;
import org.ember.rules.RuleFileException;
import org.ember.rules.RuleFileLoader;
import org.ember.rules.RuleSet;
import org.ember.rules.areas.CatalogueAreas;
import org.ember.rules.backtest.BacktestReport;
import org.ember.rules.backtest.BacktestReportWriter;
import org.ember.rules.backtest.BacktestScorer;
import org.ember.rules.backtest.RuleScore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ember backtest}: what a rule set would have done over a past period. The simulator's
 * replay of the real police.uk records goes through the same job graph as live data, at full speed
 * on a local Flink environment, and the alerts are scored against the serious incidents that
 * followed them.
 */
@Command(
        name = "backtest",
        mixinStandardHelpOptions = true,
        description = {
            "Replays a period of history (the simulator's five feeds from the real police.uk records) through the",
            "job graph with a rule directory, and reports per rule: alerts, where, when, how long they fired, and how",
            "often a serious incident followed in the same area within the horizon (hit rate, PAI). Writes",
            "report.html, summary.csv and alerts.csv; --compare puts a second rule directory beside the first."
        })
public final class BacktestCommand implements Callable<Integer> {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    DeploymentOption deployment;

    @Option(names = "--rules", paramLabel = "DIR", description = "Rule directory (or file) to test (default: the deployment's rules).")
    Path rules;

    @Option(names = "--from", required = true, paramLabel = "DATE",
            description = "First day, 2025-01-01 (or a month, 2025-01), UK time.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "DATE",
            description = "Last day, inclusive, 2025-12-31 (or a month, 2025-12), UK time.")
    String to;

    @Option(names = "--compare", paramLabel = "DIR", description = "A second rule directory, replayed on the same history.")
    Path compare;

    @Option(names = "--horizon", defaultValue = "7d", converter = DurationOption.class,
            description = "How long after an alert a serious incident counts as following it (default: ${DEFAULT-VALUE}).")
    Duration horizon;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the report goes (default: .ember/backtest of this checkout).")
    Path out;

    @Option(names = {"--data", "--data-dir"}, paramLabel = "DIR",
            description = "Shared data directory with police/ and boundaries/ (default: $EMBER_DATA_DIR, else ../shared/data).")
    Path dataDir;

    @Option(names = "--force", split = ",",
            description = "police.uk force folders to replay (default: the deployment's simulator.police).")
    List<String> forces;

    @Option(names = "--feeds", split = ",", defaultValue = "police,ambulance,ae,navigator,intel",
            description = "Feeds to replay; 'police' alone replays the police.uk records only (default: all five).")
    List<String> feeds;

    @Option(names = "--seed", defaultValue = "42", description = "Simulator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--no-progress", description = "No progress bars (for logs and tests).")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        Path data = EmberPaths.dataDir(dataDir, System.getenv());
        String problem = EmberPaths.problemWith(data);
        if (problem != null) {
            throw new UserError(problem);
        }
        Deployment d = deployment.load(dataDir);
        data = d.dataDir();
        if (rules == null) {
            rules = d.rules();
        }
        if (forces == null || forces.isEmpty()) {
            forces = d.simulator().policeFolders().stream().map(p -> p.getFileName().toString()).toList();
        }
        long start = day(from, false);
        long end = day(to, true);
        if (end <= start) {
            throw new UserError("--to " + to + " is before --from " + from);
        }
        Set<Feed> replayed = feeds();
        CatalogueAreas areas = DeploymentJobs.areas(d);
        RuleSet main = load(rules, areas);
        RuleSet other = compare == null ? null : load(compare, areas);

        long days = (end - start) / 86_400_000L;
        History history;
        try (ProgressBar bar = bar("Simulating", days, "d")) {
            history = History.simulate(data, SimulatedArea.of(d), start, end, forces, replayed, seed, n -> step(bar, n));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        console.printf(Locale.ROOT, "History: %d records of %s from %s to %s (%s), simulated in %.1f s%n", history.records(),
                String.join(",", feeds), from, to, String.join(",", forces), history.millis() / 1000.0);
        console.flush();

        BacktestScorer scorer = new BacktestScorer(areas);
        BacktestReport mainReport = replay(rules.toString(), main, history, d, scorer, start, end, console);
        BacktestReport otherReport = other == null ? null : replay(compare.toString(), other, history, d, scorer, start, end,
                console);

        Path dir = out != null ? out : EmberPaths.home().resolve(".ember/backtest");
        List<Path> written;
        try {
            written = BacktestReportWriter.write(dir, mainReport, otherReport);
        } catch (IOException e) {
            throw new UserError("cannot write the report to " + dir + ": " + e.getMessage(), e);
        }
        print(console, mainReport);
        if (otherReport != null) {
            print(console, otherReport);
        }
        console.println("Report: " + written.stream().map(Path::toString).reduce((a, b) -> a + ", " + b).orElse(""));
        console.flush();
        return 0;
    }

    private BacktestReport replay(String label, RuleSet ruleSet, History history, Deployment d, BacktestScorer scorer,
            long start, long end, PrintWriter console) throws Exception {
        // No idleness: a finished source emits the final watermark itself, and a wall-clock timeout
        // would let a feed held up by back-pressure go idle and change the alerts run to run.
        JobSettings settings = DeploymentJobs.settings(d, PseudonymKeys.resolve(System.getenv(), false), ruleSet,
                null, fusionFor(ruleSet), null).withForecast(null); // no rule reads the daily rankings
        EmberJobRunner.BoundedRun run;
        try (ProgressBar bar = bar("Replaying " + shortName(label), history.records(), " records")) {
            run = EmberJobRunner.runBounded(settings, history.byTopic(), parallelism, SeriousIncidents.CANDIDATES,
                    n -> step(bar, n));
        }
        DeadLetterSummary.warning(run.records(), run.deadLetterReasons()).ifPresent(w -> {
            console.println(w);
            console.flush();
        });
        return scorer.score(label, ruleSet, run.alerts(), SeriousIncidents.of(run.incidents()), start, end, horizon.toMillis(),
                run.wallMillis(), run.records());
    }

    /**
     * The fusion stage is most of the job's cost; a rule set that reads counts only gets the same
     * alerts without it, so the replay leaves it out.
     */
    static FusionSettings fusionFor(RuleSet ruleSet) {
        return ruleSet.metricFamilies().stream().allMatch("count"::equals) ? null : FusionSettings.defaults();
    }

    private static void print(PrintWriter console, BacktestReport report) {
        console.printf(Locale.ROOT, "%nRules %s (%s): replayed %d records in %.1f s; %d serious incidents; horizon %d h%n",
                report.label(), report.ruleVersion(), report.records(), report.wallMillis() / 1000.0, report.seriousIncidents(),
                report.horizonMillis() / 3_600_000L);
        console.printf(Locale.ROOT, "  %-40s %7s %6s %9s %6s %8s %7s%n", "rule", "alerts", "areas", "median h", "hits",
                "hit rate", "PAI");
        for (RuleScore s : report.rules()) {
            console.printf(Locale.ROOT, "  %-40s %7d %6d %9s %6d %8s %7s%n", s.rule(), s.alerts(), s.areas(),
                    Double.isNaN(s.medianHours()) ? "-" : String.format(Locale.ROOT, "%.1f", s.medianHours()), s.hits(),
                    Double.isNaN(s.hitRate()) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * s.hitRate()),
                    Double.isNaN(s.pai()) ? "-" : String.format(Locale.ROOT, "%.2f", s.pai()));
        }
    }

    private RuleSet load(Path dir, CatalogueAreas areas) {
        try {
            return new RuleFileLoader(areas).load(dir);
        } catch (RuleFileException e) {
            throw new UserError("rule files in " + dir + " are invalid:\n" + e.getMessage());
        }
    }

    private Set<Feed> feeds() {
        Set<Feed> set = EnumSet.noneOf(Feed.class);
        for (String code : feeds) {
            Feed feed = java.util.Arrays.stream(Feed.values()).filter(f -> f.code().equals(code.trim())).findFirst()
                    .orElseThrow(() -> new UserError("--feeds: unknown feed '" + code + "'; feeds are police, ambulance,"
                            + " ae, navigator, intel"));
            set.add(feed);
        }
        return set;
    }

    /** Epoch milliseconds of the start of a day or month (UK time), or of the end when {@code end}. */
    private static long day(String text, boolean end) {
        try {
            LocalDate date;
            if (text.length() == 7) {
                YearMonth month = YearMonth.parse(text);
                date = end ? month.atEndOfMonth() : month.atDay(1);
            } else {
                date = LocalDate.parse(text);
            }
            return (end ? date.plusDays(1) : date).atStartOfDay(LONDON).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new UserError("'" + text + "' is not a date like 2025-01-31 or a month like 2025-01");
        }
    }

    private ProgressBar bar(String task, long max, String unit) {
        ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(task).setInitialMax(max)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).setUnit(unit, 1)
                .setConsumer(new ConsoleProgressBarConsumer(noProgress ? nullStream() : System.err));
        return builder.build();
    }

    private static java.io.PrintStream nullStream() {
        return new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
    }

    private static void step(ProgressBar bar, long n) {
        bar.stepTo(n);
    }

    private static String shortName(String label) {
        int slash = Math.max(label.lastIndexOf('/'), label.lastIndexOf('\\'));
        return slash >= 0 && slash < label.length() - 1 ? label.substring(slash + 1) : label;
    }
}
