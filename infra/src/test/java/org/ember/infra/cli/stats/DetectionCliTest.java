package org.ember.infra.cli.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ember.infra.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CLI tests of {@code stats scan --daily} and the Farrington reference-week and reweighting options. */
class DetectionCliTest {
    private static final Path OUTBREAKS = Path.of("../geo/src/test/resources/reference/aberration");

    @TempDir
    Path dir;



    @Test
    void farringtonOffersBothReferenceWeekModesAsSurveillance() throws IOException {
        String input = OUTBREAKS.resolve("outbreaks_weekly.csv").toString();
        for (String mode : new String[] {"by-date", "by-index"}) {
            CliRun r = CliRun.of("stats", "farrington", "--input", input, "--variant", "farrington1996",
                    "--reference-weeks", mode);
            assertThat(r.exitCode()).as(r.err()).isZero();
            List<String> expected = Files.readAllLines(OUTBREAKS.resolve(
                    "outbreaks_farrington_" + mode.replace('-', '_') + ".csv"));
            List<String[]> rows = r.rows();
            assertThat(rows).hasSize(expected.size());
            for (int i = 1; i < rows.size(); i++) {
                String[] e = expected.get(i).split(",");
                assertThat(Double.parseDouble(rows.get(i)[3])).as(mode + " row " + i)
                        .isCloseTo(Double.parseDouble(e[3]), org.assertj.core.api.Assertions.within(1e-6));
            }
        }
        CliRun plain = CliRun.of("stats", "farrington", "--input", input, "--variant", "farrington1996", "--no-reweight");
        CliRun weighted = CliRun.of("stats", "farrington", "--input", input, "--variant", "farrington1996");
        assertThat(plain.exitCode()).isZero();
        assertThat(plain.out()).isNotEqualTo(weighted.out());
    }

    @Test
    void dailyScanWritesOneRowPerDayAndClusterAndEachDayEqualsASingleRun() throws IOException {
        // 30 cells on a 250 m grid, 60 days of ~20 cases; a planted burst in 3 cells on the last 2 days.
        SplittableRandom random = new SplittableRandom(4);
        List<String> geo = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            geo.add("c" + i + " " + (0.125 + 0.25 * (i % 6)) + " " + (0.125 + 0.25 * (i / 6)));
        }
        List<String> cas = new ArrayList<>();
        LocalDate start = LocalDate.of(2025, 1, 1);
        for (int d = 0; d < 60; d++) {
            for (int k = 0; k < 20; k++) {
                cas.add("c" + random.nextInt(30) + " 1 " + start.plusDays(d).toString().replace('-', '/'));
            }
            if (d >= 58) {
                for (int c = 0; c < 3; c++) {
                    cas.add("c" + c + " 4 " + start.plusDays(d).toString().replace('-', '/'));
                }
            }
        }
        Path geoFile = Files.write(dir.resolve("g.geo"), geo);
        Path casFile = Files.write(dir.resolve("g.cas"), cas);
        CliRun daily = CliRun.of("stats", "scan", "--cases", casFile.toString(), "--coordinates", geoFile.toString(),
                "--model", "space-time-permutation", "--daily", "--from", "2025-02-20", "--to", "2025-03-01",
                "--study-days", "28", "--max-radius", "0.6", "--max-days", "7", "--replications", "199",
                "--early-stop", "20", "--seed", "3", "--threads", "2");
        assertThat(daily.exitCode()).as(daily.err()).isZero();
        List<String[]> rows = daily.rows();
        assertThat(rows.get(0)).startsWith("day", "rank", "centre");
        assertThat(rows.stream().skip(1).map(r -> r[0]).distinct()).hasSize(10);
        String[] lastTop = rows.stream().skip(1).filter(r -> r[0].equals("2025-03-01") && r[1].equals("1"))
                .findFirst().orElseThrow();
        assertThat(lastTop[4].split(";")).contains("c0", "c1");
        assertThat(Double.parseDouble(lastTop[11])).as("recurrence beyond the replications via Gumbel")
                .isGreaterThan(200);
        assertThat(Integer.parseInt(lastTop[13])).isEqualTo(199);
        // An ordinary day stops early.
        assertThat(rows.stream().skip(1).filter(r -> r[1].equals("1")).mapToInt(r -> Integer.parseInt(r[13])).min()
                .orElseThrow()).isLessThan(199);
    }
}
