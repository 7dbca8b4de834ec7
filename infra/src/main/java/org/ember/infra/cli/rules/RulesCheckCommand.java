package org.ember.infra.cli.rules;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ember.infra.EmberPaths;
import org.ember.rules.RuleFileException;
import org.ember.rules.RuleFileLoader;
import org.ember.rules.RuleFileProblem;
import org.ember.rules.SourceFile;
import org.ember.rules.areas.CatalogueAreas;
import org.ember.rules.lint.RouteCheck;
import org.ember.rules.lint.RuleLinter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ember rules check FILES…}: the whole set is loaded as the job would load it; every problem
 * is printed as {@code file:line:column: message}. Exit 0 when valid, 1 when not.
 */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Checks rule files (or directories of them) as one rule set, strictly: unknown keys, bad durations,",
            "unknown areas, metrics or template variables. Prints file:line:column: message for each problem.",
            "Exit status: 0 valid, 1 invalid (or, with --lint-fatal, warnings found)."
        })
public final class RulesCheckCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILES", description = "Rule files or directories.")
    List<Path> files;

    @Option(names = "--lint", description = "Also warn about duplicates, a 'for' longer than the window it watches,"
            + " a resolve condition that is not stricter than the firing one, and (with --routing) alerts no route delivers.")
    boolean lint;

    @Option(names = "--lint-fatal", description = "Like --lint, and exit 1 when there are warnings.")
    boolean lintFatal;

    @Option(names = "--routing", paramLabel = "FILE", description = "Routing file, for the lint of alerts no route would"
            + " deliver (default: alert-rules/routing/routes.yaml of this checkout, when there is one).")
    Path routing;

    @Option(names = "--data-dir", description = "Shared data directory, to check LSOA and local authority codes"
            + " (default: $EMBER_DATA_DIR, else ../shared/data; codes are only checked for shape when it is missing).")
    Path dataDir;

    @picocli.CommandLine.Mixin
    org.ember.infra.cli.DeploymentOption deployment;

    private static Path defaultRouting() {
        Path file = EmberPaths.home().resolve("alert-rules/routing/routes.yaml");
        return Files.isRegularFile(file) ? file : null;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CatalogueAreas areas = DeploymentAreas.load(deployment, dataDir, false);
        List<SourceFile> sources = new ArrayList<>();
        for (Path file : files) {
            try {
                sources.addAll(RuleFileLoader.read(file));
            } catch (RuleFileException e) {
                e.problems().forEach(out::println);
                out.flush();
                return 1;
            }
        }
        RuleFileLoader.Checked checked = new RuleFileLoader(areas).check(sources, 0);
        checked.problems().forEach(out::println);
        List<RuleFileProblem> warnings = List.of();
        if ((lint || lintFatal) && checked.valid()) {
            Path routes = routing != null ? routing : defaultRouting();
            RouteCheck routeCheck = routes == null ? null : RoutingLint.load(routes, out);
            if (routes == null) {
                out.println("note: no routing file (--routing): the lint of alerts no route would deliver is skipped");
            }
            warnings = new RuleLinter(areas, routeCheck).lint(checked.sources());
            warnings.forEach(out::println);
        }
        if (areas == null) {
            out.println("note: no data directory: area codes were checked for shape only");
        }
        if (!checked.valid()) {
            out.println("FAILED: " + checked.problems().size() + " problem" + (checked.problems().size() == 1 ? "" : "s")
                    + " in " + sources.size() + " file" + (sources.size() == 1 ? "" : "s"));
            out.flush();
            return 1;
        }
        out.println("SUCCESS: " + checked.ruleSet().rules().size() + " rules in " + sources.size() + " file"
                + (sources.size() == 1 ? "" : "s") + " (content hash " + checked.ruleSet().contentHash() + ")"
                + (warnings.isEmpty() ? "" : ", " + warnings.size() + " warning" + (warnings.size() == 1 ? "" : "s")));
        out.flush();
        return lintFatal && !warnings.isEmpty() ? 1 : 0;
    }
}
