package org.ember.infra.cli.stats;

import org.ember.infra.cli.CliRun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ember.geo.hotspot.GetisOrd;
import org.ember.geo.hotspot.GiOptions;
import org.ember.geo.hotspot.HotSpot;
import org.ember.geo.hotspot.Weighting;
import org.ember.geo.neighbours.NeighbourList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GiStarCommandTest {
    @TempDir
    Path dir;

    /** A 6 × 6 grid of 100 m cells, counts 1 except a hot 2 × 2 corner of 20s. */
    private Path grid(String valueHeader) {
        List<String> lines = new ArrayList<>();
        lines.add("id,x,y," + valueHeader);
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                int value = i < 2 && j < 2 ? 20 : 1 + (i * j) % 3;
                lines.add("c" + i + j + "," + (i * 100 + 50) + "," + (j * 100 + 50) + "," + value);
            }
        }
        return CliRun.csv(dir, "grid.csv", lines.toArray(new String[0]));
    }

    private static List<HotSpot> library(GiOptions options) {
        double[] x = new double[36];
        double[] y = new double[36];
        double[] v = new double[36];
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                int k = i * 6 + j;
                x[k] = i * 100 + 50;
                y[k] = j * 100 + 50;
                v[k] = i < 2 && j < 2 ? 20 : 1 + (i * j) % 3;
            }
        }
        return GetisOrd.compute(v, NeighbourList.withinDistance(x, y, 150), options);
    }

    @Test
    void writesIdZPAndBinForEveryFeature() {
        CliRun run = CliRun.of("stats", "gi-star", "--input", grid("value").toString(), "--distance", "150");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.lines().get(0)).isEqualTo("id,z,p,bin");
        assertThat(run.lines()).hasSize(37);
        List<HotSpot> expected = library(GiOptions.giStar());
        for (int k = 0; k < 36; k++) {
            assertThat(Double.parseDouble(run.cell(k, "z"))).isCloseTo(expected.get(k).z(), within(1e-12));
            assertThat(Double.parseDouble(run.cell(k, "p"))).isCloseTo(expected.get(k).p(), within(1e-12));
            assertThat(Integer.parseInt(run.cell(k, "bin"))).isEqualTo(expected.get(k).bin());
        }
        assertThat(run.cell(0, "id")).isEqualTo("c00");
        assertThat(run.cell(0, "bin")).isEqualTo("3");
    }

    @Test
    void optionsReachTheStatisticAndOutGoesToAFile() throws Exception {
        Path out = dir.resolve("result.csv");
        CliRun run = CliRun.of("stats", "gi-star", "--input", grid("count").toString(), "--distance", "150",
                "--value", "count", "--weights", "row", "--no-self", "--fdr", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("id,z,p,p_fdr,bin");
        List<HotSpot> expected = library(new GiOptions(Weighting.ROW_STANDARDISED, false, true));
        for (int k = 0; k < 36; k++) {
            String[] f = lines.get(k + 1).split(",");
            assertThat(Double.parseDouble(f[1])).isCloseTo(expected.get(k).z(), within(1e-12));
            assertThat(Double.parseDouble(f[3])).isCloseTo(expected.get(k).pAdjusted(), within(1e-12));
            assertThat(Integer.parseInt(f[4])).isEqualTo(expected.get(k).bin());
        }
    }

    @Test
    void missingColumnIsOneLineNamingFileAndColumn() {
        Path file = grid("count");
        CliRun run = CliRun.of("stats", "gi-star", "--input", file.toString(), "--distance", "150");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).doesNotContain("\n").contains(file.toString()).contains("'value'").contains("--value")
                .startsWith("ember stats gi-star:");
        assertThat(run.err()).doesNotContain("Exception");
    }

    @Test
    void nonNumericValueNamesRowAndColumn() {
        Path file = CliRun.csv(dir, "bad.csv", "id,x,y,value", "a,0,0,1", "b,10,0,two", "c,20,0,3");
        CliRun run = CliRun.of("stats", "gi-star", "--input", file.toString(), "--distance", "15");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).doesNotContain("\n").contains("bad.csv row 2 (line 3), column 'value'")
                .contains("'two' is not a number");
    }

    @Test
    void emptyFileAndBadDistanceAreUserErrors() {
        Path empty = CliRun.csv(dir, "empty.csv", "");
        CliRun run = CliRun.of("stats", "gi-star", "--input", empty.toString(), "--distance", "15");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("empty.csv is empty");
        CliRun negative = CliRun.of("stats", "gi-star", "--input", grid("value").toString(), "--distance", "-1");
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.err()).contains("--distance");
        CliRun missingFile = CliRun.of("stats", "gi-star", "--input", dir.resolve("nope.csv").toString(), "--distance", "1");
        assertThat(missingFile.exitCode()).isEqualTo(2);
        assertThat(missingFile.err()).contains("no such file");
    }
}
