package org.ember.infra.cli.rules;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import org.ember.infra.cli.UserError;
import org.ember.rules.areas.CatalogueAreas;
import org.ember.rules.unittest.JUnitReport;
import org.ember.rules.unittest.ReceiverResolver;
import org.ember.rules.unittest.ReportInputs;
import org.ember.rules.unittest.RuleTestRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ember rules test TESTS…}: promtool-style unit tests of rule files, run through the job's
 * own counting and rule evaluation on a simulated clock.
 */
@Command(
        name = "test",
        mixinStandardHelpOptions = true,
        description = {
            "Runs rule unit tests (YAML: rule_files, places, tests with reports, partner records, metrics and",
            "expected alerts; see docs/rules.md) on a simulated clock, through the same ingest, counting, fusion",
            "and evaluation code as the job.",
            "Exit status: 0 all passed, 1 a test failed or a file did not load."
        })
public final class RulesTestCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "TESTS", description = "Test files, or directories of *.yaml test files.")
    List<Path> tests;

    @Option(names = "--run", paramLabel = "REGEX", description = "Only run the tests whose name matches (find, not whole match).")
    String run;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write the results as JUnit XML.")
    Path junit;

    @Option(names = "--data-dir", description = "Shared data directory (default: $EMBER_DATA_DIR, else ../shared/data).")
    Path dataDir;

    @picocli.CommandLine.Mixin
    org.ember.infra.cli.DeploymentOption deployment;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Pattern filter = null;
        if (run != null) {
            try {
                filter = Pattern.compile(run);
            } catch (PatternSyntaxException e) {
                throw new UserError("--run is not a regular expression: " + e.getDescription());
            }
        }
        CatalogueAreas areas = DeploymentAreas.load(deployment, dataDir, true);
        // Partner records in tests are ingested and fused with the job's own settings and the deployment's data.
        Path data = deployment.load(dataDir).dataDir();
        ReportInputs inputs = new ReportInputs(areas.catalogue(), org.ember.jobs.DeploymentJobs.CELL_SIZE_METRES,
                org.ember.geo.fusion.FusionSettings.defaults(), org.ember.geo.fusion.FusionCalendar.load(data).orElse(null));
        RuleTestRunner runner = new RuleTestRunner(areas, areas, ReceiverResolver.NONE, inputs);
        List<RuleTestRunner.Result> results = new ArrayList<>();
        for (Path file : files()) {
            out.println("Unit testing " + file);
            for (RuleTestRunner.Result r : runner.run(file, filter)) {
                results.add(r);
                out.printf("  %s  %s (%d ms)%n", r.passed() ? "PASS" : "FAIL", r.test(), r.millis());
                for (String failure : r.failures()) {
                    out.println("    " + failure.replace("\n", "\n    "));
                }
            }
        }
        if (junit != null) {
            JUnitReport.write(junit, results);
        }
        long failed = results.stream().filter(r -> !r.passed()).count();
        if (results.isEmpty()) {
            out.println("FAILED: no test ran" + (run == null ? "" : " (none matches --run " + run + ")"));
            out.flush();
            return 1;
        }
        out.println(failed == 0 ? "SUCCESS: " + results.size() + " test" + (results.size() == 1 ? "" : "s") + " passed"
                : "FAILED: " + failed + " of " + results.size() + " tests");
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    private List<Path> files() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path path : tests) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> listing = Files.list(path)) {
                    listing.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                            .sorted(Comparator.comparing(Path::toString)).forEach(files::add);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new UserError("test file " + path + " not found");
            }
        }
        return files;
    }
}
