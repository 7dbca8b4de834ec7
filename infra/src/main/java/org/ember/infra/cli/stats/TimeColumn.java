package org.ember.infra.cli.stats;

import picocli.CommandLine.Option;

/** The {@code --t} column-name option of statistics over event times (decimal days or ISO dates). */
public final class TimeColumn {
    @Option(names = "--t", defaultValue = "t", paramLabel = "COLUMN", description = "Name of the time column (default: ${DEFAULT-VALUE}).")
    String name;

    double[] days(CsvTable table) {
        return table.days(table.column(name, "--t"));
    }
}
