package org.ember.infra.cli.stats;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ember stats …}: the analyst's statistics, CSV in and CSV out. Each method is a
 * subcommand in this package, listed below; the computation itself lives in {@code geo/}.
 */
@Command(
        name = "stats",
        mixinStandardHelpOptions = true,
        description = "Spatial and temporal statistics on CSV files (CSV in, CSV out).",
        subcommands = {
            // Subcommands are registered here, one class each.
            GiStarCommand.class,
            KdeCommand.class,
            DbscanCommand.class,
            KnoxCommand.class,
            NearRepeatCommand.class,
            EhsaCommand.class,
            FarringtonCommand.class,
            EarsCommand.class,
            CusumCommand.class,
            ScanCommand.class,
            ForecastScoreCommand.class,
        })
public final class StatsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
