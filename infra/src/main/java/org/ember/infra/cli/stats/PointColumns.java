package org.ember.infra.cli.stats;

import picocli.CommandLine.Option;

/** The {@code --x} and {@code --y} column-name options every point-based statistic takes. */
public final class PointColumns {
    @Option(names = "--x", defaultValue = "x", paramLabel = "COLUMN", description = "Name of the x column (default: ${DEFAULT-VALUE}).")
    String x;

    @Option(names = "--y", defaultValue = "y", paramLabel = "COLUMN", description = "Name of the y column (default: ${DEFAULT-VALUE}).")
    String y;

    double[] xs(CsvTable table) {
        return table.numbers(table.column(x, "--x"));
    }

    double[] ys(CsvTable table) {
        return table.numbers(table.column(y, "--y"));
    }
}
