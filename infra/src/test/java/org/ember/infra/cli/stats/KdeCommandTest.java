package org.ember.infra.cli.stats;

import org.ember.infra.cli.CliRun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.ember.geo.density.DefaultBandwidth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KdeCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesTheQuarticDensityAtEveryCellCentre() {
        Path file = CliRun.csv(dir, "points.csv", "x,y", "10.5,10.5");
        CliRun run = CliRun.of("stats", "kde", "--input", file.toString(), "--bandwidth", "10", "--cell", "1",
                "--extent", "0,0,20,20");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.lines().get(0)).isEqualTo("x,y,density");
        assertThat(run.lines()).hasSize(1 + 400);
        // Rows run south to north, columns west to east: row j = 10, column i = 15 is line 10·20 + 15.
        int k = 10 * 20 + 15;
        assertThat(run.cell(k, "x")).isEqualTo("15.5");
        assertThat(run.cell(k, "y")).isEqualTo("10.5");
        // Distance 5 of h = 10: 3/(π·100)·(1 − 0.25)².
        assertThat(Double.parseDouble(run.cell(k, "density"))).isCloseTo(3 * 0.5625 / (100 * Math.PI), within(1e-15));
    }

    @Test
    void defaultBandwidthIsReportedAndUsed() {
        Path file = CliRun.csv(dir, "points.csv", "easting,northing", "0,0", "4,0", "0,3", "4,3");
        CliRun run = CliRun.of("stats", "kde", "--input", file.toString(), "--cell", "1", "--extent", "0,0,4,3",
                "--x", "easting", "--y", "northing");
        assertThat(run.exitCode()).as(run.err()).isZero();
        double h = DefaultBandwidth.of(new double[] {0, 4, 0, 4}, new double[] {0, 0, 3, 3});
        assertThat(run.err()).contains("default bandwidth " + h);
        assertThat(run.lines()).hasSize(1 + 12);
    }

    @Test
    void badExtentAndBadCoordinatesAreUserErrors() {
        Path file = CliRun.csv(dir, "points.csv", "x,y", "1,1", "2,oops");
        CliRun extent = CliRun.of("stats", "kde", "--input", file.toString(), "--cell", "1", "--extent", "0,0,5");
        assertThat(extent.exitCode()).isEqualTo(2);
        assertThat(extent.err()).contains("--extent");
        CliRun coordinates = CliRun.of("stats", "kde", "--input", file.toString(), "--cell", "1", "--bandwidth", "2",
                "--extent", "0,0,5,5");
        assertThat(coordinates.exitCode()).isEqualTo(2);
        assertThat(coordinates.err().strip()).isEqualTo("ember stats kde: " + file + " row 2 (line 3), column 'y': 'oops' is not a number");
    }
}
