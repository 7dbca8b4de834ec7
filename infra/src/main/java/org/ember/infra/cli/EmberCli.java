package org.ember.infra.cli;

import org.ember.infra.cli.forecast.ForecastCommand;
import org.ember.infra.cli.routing.OncallCommand;
import org.ember.infra.cli.routing.RoutesCommand;
import org.ember.infra.cli.routing.SilenceCommand;
import org.ember.infra.cli.rules.RulesCommand;
import org.ember.infra.cli.stats.StatsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ember} command line: the composition root of every Ember process. */
@Command(
        name = "ember",
        mixinStandardHelpOptions = true,
        versionProvider = EmberVersion.class,
        description = "Real-time youth-violence tension and hotspot alerting for Violence Reduction Units.",
        subcommands = {DemoCommand.class, JobCommand.class, SimulateCommand.class, StatsCommand.class, RulesCommand.class,
            BacktestCommand.class,
            BenchCommand.class,
            RoutesCommand.class,
            SilenceCommand.class,
            OncallCommand.class,
            ForecastCommand.class,
            ClusterCommand.class,
            SavepointCommand.class,
            ConsoleCommand.class,
            DeploymentCommand.class,
            EvaluateCommand.class,
            ChaosCommand.class,
            CommandLine.HelpCommand.class})
public final class EmberCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status (used by tests, which must not exit the JVM). */
    public static int run(String... args) {
        return new CommandLine(new EmberCli())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new UserErrorHandler())
                .execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
