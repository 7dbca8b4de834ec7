package org.ember.infra.cli.stats;

import org.ember.infra.cli.CliRun;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbscanCommandTest {
    @TempDir
    Path dir;

    @Test
    void clustersTwoGroupsAndMarksNoiseAndCores() {
        Path file = CliRun.csv(dir, "events.csv", "id,x,y",
                "a,0,0", "b,1,0", "c,0,1", "d,50,50", "e,100,100", "f,101,100", "g,100,101", "h,102.4,100");
        CliRun run = CliRun.of("stats", "dbscan", "--input", file.toString(), "--eps", "1.5", "--min-points", "3");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.lines()).containsExactly("id,cluster,core",
                "a,1,true", "b,1,true", "c,1,true", "d,0,false", "e,2,true", "f,2,true", "g,2,true", "h,2,false");
    }

    @Test
    void epsTimeSeparatesEventsByIsoDate() {
        Path file = CliRun.csv(dir, "events.csv", "ref,x,y,date",
                "a,0,0,2025-03-01", "b,1,0,2025-03-02", "c,0,1,2025-03-02", "d,1,1,2025-06-01", "e,0,0,2025-06-02");
        CliRun run = CliRun.of("stats", "dbscan", "--input", file.toString(), "--eps", "2", "--min-points", "3",
                "--eps-time", "7", "--id", "ref", "--t", "date");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.lines()).containsExactly("id,cluster,core",
                "a,1,true", "b,1,true", "c,1,true", "d,0,false", "e,0,false");
    }

    @Test
    void badTimeAndMissingColumnAreUserErrors() {
        Path file = CliRun.csv(dir, "events.csv", "id,x,y,t", "a,0,0,yesterday");
        CliRun time = CliRun.of("stats", "dbscan", "--input", file.toString(), "--eps", "2", "--min-points", "1",
                "--eps-time", "1");
        assertThat(time.exitCode()).isEqualTo(2);
        assertThat(time.err()).contains("row 1 (line 2), column 't'").contains("'yesterday'");
        CliRun column = CliRun.of("stats", "dbscan", "--input", file.toString(), "--eps", "2", "--min-points", "1",
                "--x", "easting");
        assertThat(column.exitCode()).isEqualTo(2);
        assertThat(column.err()).contains("no column 'easting'");
        CliRun minPoints = CliRun.of("stats", "dbscan", "--input", file.toString(), "--eps", "2", "--min-points", "0");
        assertThat(minPoints.exitCode()).isEqualTo(2);
    }
}
