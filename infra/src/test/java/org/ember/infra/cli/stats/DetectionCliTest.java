package org.ember.infra.cli.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ember.infra.cli.EmberCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CLI tests of {@code stats scan --daily} and the Farrington reference-week and reweighting options. */
class DetectionCliTest {
    private static final Path OUTBREAKS = Path.of("../geo/src/test/resources/reference/aberration");

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
        List<String[]> rows() {
            List<String[]> rows = new ArrayList<>();
            for (String line : out.strip().split("\n")) {
                rows.add(line.split(",", -1));
            }
            return rows;
        }
    }

    private static synchronized Run ember(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = EmberCli.run(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void farringtonOffersBothReferenceWeekModesAsSurveillance() throws IOException {
        String input = OUTBREAKS.resolve("outbreaks_weekly.csv").toString();
        for (String mode : new String[] {"by-date", "by-index"}) {
            Run r = ember("stats", "farrington", "--input", input, "--variant", "farrington1996",
                    "--reference-weeks", mode);
            assertThat(r.exit()).as(r.err()).isZero();
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
        Run plain = ember("stats", "farrington", "--input", input, "--variant", "farrington1996", "--no-reweight");
        Run weighted = ember("stats", "farrington", "--input", input, "--variant", "farrington1996");
        assertThat(plain.exit()).isZero();
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
        Run daily = ember("stats", "scan", "--cases", casFile.toString(), "--coordinates", geoFile.toString(),
                "--model", "space-time-permutation", "--daily", "--from", "2025-02-20", "--to", "2025-03-01",
                "--study-days", "28", "--max-radius", "0.6", "--max-days", "7", "--replications", "199",
                "--early-stop", "20", "--seed", "3", "--threads", "2");
        assertThat(daily.exit()).as(daily.err()).isZero();
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
