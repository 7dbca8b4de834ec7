package org.ember.infra.cli.stats;

import org.ember.infra.cli.CliRun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnoxAndNearRepeatCommandTest {
    @TempDir
    Path dir;

    /**
     * Four events (metres, ISO dates); pairs by hand: AB 50 m 3 d, AC 150 m 10 d, AD 300 m 1 d,
     * BC 158 m 7 d, BD 250 m 2 d, CD 335 m 9 d.
     */
    private Path events() {
        return CliRun.csv(dir, "events.csv", "id,x,y,t",
                "A,0,0,2025-01-01", "B,50,0,2025-01-04", "C,0,150,2025-01-11", "D,300,0,2025-01-02");
    }

    @Test
    void knoxCountsTheFourCells() {
        CliRun run = CliRun.of("stats", "knox", "--input", events().toString(), "--distance", "200", "--time", "7",
                "--permutations", "199", "--seed", "3");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.lines().get(0)).isEqualTo("cell,observed,expected,ratio,p");
        // Close in space (≤ 200): AB, AC, BC. Close in time (≤ 7 d): AB, AD, BC, BD.
        assertThat(run.cell(0, "cell")).isEqualTo("space_and_time");
        assertThat(run.cell(0, "observed")).isEqualTo("2"); // AB, BC
        assertThat(run.cell(1, "observed")).isEqualTo("2"); // time only: AD, BD
        assertThat(run.cell(2, "observed")).isEqualTo("1"); // space only: AC
        assertThat(run.cell(3, "observed")).isEqualTo("1"); // neither: CD
        double expected = Double.parseDouble(run.cell(0, "expected"));
        assertThat(Double.parseDouble(run.cell(0, "ratio"))).isCloseTo(2 / expected, within(1e-12));
        double p = Double.parseDouble(run.cell(0, "p"));
        assertThat(p * 200).isCloseTo(Math.rint(p * 200), within(1e-9));
    }

    @Test
    void sameSeedGivesTheSameTable() {
        String[] args = {"stats", "near-repeat", "--input", events().toString(), "--space-bands", "0,100,200",
            "--time-bands", "0,7,14", "--permutations", "99", "--seed", "42"};
        assertThat(CliRun.of(args).out()).isEqualTo(CliRun.of(args).out());
    }

    @Test
    void nearRepeatTableHasEveryBandPair() {
        CliRun run = CliRun.of("stats", "near-repeat", "--input", events().toString(), "--space-bands", "0,100,200",
                "--time-bands", "0,7,14", "--permutations", "99");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.lines().get(0)).isEqualTo("space_band,time_band,observed,expected,ratio,p");
        assertThat(run.lines()).hasSize(1 + 9);
        assertThat(run.lines().get(1)).startsWith("[0-100],[0-7],1,");
        assertThat(run.lines().get(4)).startsWith("(100-200],[0-7],1,");
        assertThat(run.lines().get(5)).startsWith("(100-200],(7-14],1,");
        assertThat(run.lines().get(7)).startsWith(">200,[0-7],2,");
        assertThat(run.lines().get(8)).startsWith(">200,(7-14],1,");
        assertThat(run.lines().get(9)).startsWith(">200,>14,0,0.0,NA,");
    }

    @Test
    void badBandsAndShortFilesAreUserErrors() {
        CliRun bands = CliRun.of("stats", "near-repeat", "--input", events().toString(), "--space-bands", "0,200,100",
                "--time-bands", "0,7");
        assertThat(bands.exitCode()).isEqualTo(2);
        assertThat(bands.err()).contains("--space-bands");
        Path one = CliRun.csv(dir, "one.csv", "x,y,t", "0,0,1");
        CliRun shortFile = CliRun.of("stats", "knox", "--input", one.toString(), "--distance", "1", "--time", "1");
        assertThat(shortFile.exitCode()).isEqualTo(2);
        assertThat(shortFile.err()).contains("1 data row");
    }
}
