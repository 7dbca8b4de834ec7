package org.ember.infra.cli.routing;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import org.ember.infra.cli.UserError;
import org.ember.rules.delivery.AlertRouting;
import org.ember.rules.delivery.RoutePlan;
import org.ember.rules.delivery.RoutingTests;
import org.ember.rules.routing.ConfigException;
import org.ember.rules.routing.DurationText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ember routes}: show the routing tree, run routing tests. */
@Command(name = "routes", mixinStandardHelpOptions = true,
        description = "Alert routing: the tree of routes and receivers, and routing tests with a time.",
        subcommands = {RoutesCommand.Show.class, RoutesCommand.Test.class})
public final class RoutesCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final DateTimeFormatter LONDON =
            DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm zzz").withZone(ZoneId.of("Europe/London"));

    /** {@code ember routes show}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Prints the routing tree (inherited settings filled in), receivers and inhibition rules.")
    static final class Show implements Callable<Integer> {
        @Mixin
        RoutingOptions options;

        @Override
        public Integer call() {
            AlertRouting routing = options.load();
            PrintStream out = System.out;
            out.println("Routing " + options.dir());
            out.print(routing.tree().describe());
            out.println("escalation policies:");
            routing.directory().policies().values().forEach(policy -> {
                out.println("  " + policy.id() + (policy.repeat() > 0 ? " (repeats " + policy.repeat() + "×)" : "")
                        + (policy.ackTimeout() != null ? ", acknowledgements last " + DurationText.format(policy.ackTimeout())
                        : ""));
                for (int i = 0; i < policy.steps().size(); i++) {
                    var step = policy.steps().get(i);
                    out.println("    " + (i + 1) + ". " + step.targets() + (step.delay().isZero() ? ""
                            : " — escalates after " + DurationText.format(step.delay())));
                }
            });
            return 0;
        }
    }

    /** {@code ember routes test FILE…}. */
    @Command(name = "test", mixinStandardHelpOptions = true,
            description = {"Runs routing tests: given labels and a time, which receivers are told and who each",
                "escalation step reaches. Exit 0 when all pass, 1 when any fails."})
    static final class Test implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Routing test files (YAML).")
        List<Path> files;

        @CommandLine.Option(names = "--routing", description = "Routing directory (default: the file's 'routing' key).")
        Path routing;

        @CommandLine.Option(names = {"-v", "--verbose"}, description = "Print the plan of every test, not only failures.")
        boolean verbose;

        @Override
        public Integer call() {
            PrintStream out = System.out;
            int passed = 0;
            int failed = 0;
            for (Path file : files) {
                if (!Files.isRegularFile(file)) {
                    throw new UserError("no routing test file " + file);
                }
                List<RoutingTests.Outcome> outcomes;
                try {
                    outcomes = RoutingTests.run(RoutingTests.read(file, routing));
                } catch (ConfigException e) {
                    throw new UserError("cannot run " + file + ":\n" + e.getMessage());
                }
                for (RoutingTests.Outcome outcome : outcomes) {
                    if (outcome.passed()) {
                        passed++;
                        out.println("PASS " + file.getFileName() + ": " + outcome.test().name());
                    } else {
                        failed++;
                        out.println("FAIL " + file.getFileName() + ": " + outcome.test().name());
                        outcome.failures().forEach(f -> out.println("     " + f));
                    }
                    if (verbose || !outcome.passed()) {
                        print(outcome.plan(), out);
                    }
                }
            }
            out.println(passed + " passed, " + failed + " failed");
            return failed == 0 ? 0 : 1;
        }

        static void print(RoutePlan plan, PrintStream out) {
            out.println("     at " + LONDON.format(plan.at()) + " labels " + plan.labels());
            for (RoutePlan.Match match : plan.matches()) {
                out.println("     → " + match.receiver().name() + " via " + match.route().id()
                        + (match.sending() ? "" : " (muted at this time)"));
                for (RoutePlan.PlannedStep step : match.steps()) {
                    out.println("         step " + (step.index() + 1) + " +" + DurationText.format(step.after()) + " ("
                            + LONDON.format(step.at()) + "): " + step.who());
                }
            }
        }
    }
}
