package org.ember.infra.cli.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.ember.infra.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CLI tests of farrington, ears, cusum, scan and forecast-score. */
class SeasonalScanCliTest {
    private static final Path DATA = Path.of(System.getProperty("ember.data.dir", "../../shared/data"));

    @TempDir
    Path dir;



    private Path write(String name, String... lines) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, String.join("\n", lines) + "\n");
        return f;
    }

    /** Daily counts: 10 a day with a weekly wobble and a spike of 40 on the last day. */
    private Path daily(int days) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("date,count");
        LocalDate d = LocalDate.of(2025, 1, 1);
        for (int i = 0; i < days; i++) {
            long n = i == days - 1 ? 40 : 10 + (i % 7) % 3;
            lines.add(d.plusDays(i) + "," + n);
        }
        return write("daily.csv", lines.toArray(new String[0]));
    }

    @Test
    void earsFlagsTheSpike() throws IOException {
        CliRun r = CliRun.of("stats", "ears", "--input", daily(30).toString(), "--method", "C1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String[]> rows = r.rows();
        assertThat(rows.get(0)).containsExactly("date", "observed", "statistic", "upper_bound", "alarm");
        assertThat(rows).hasSize(1 + 30 - 7);
        assertThat(rows.get(rows.size() - 1)[0]).isEqualTo("2025-01-30");
        assertThat(rows.get(rows.size() - 1)[4]).isEqualTo("true");
        assertThat(rows.subList(1, rows.size() - 1)).allSatisfy(row -> assertThat(row[4]).isEqualTo("false"));
    }

    @Test
    void cusumFlagsTheSpike() throws IOException {
        CliRun r = CliRun.of("stats", "cusum", "--input", daily(40).toString(), "--k", "1", "--h", "4");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String[]> rows = r.rows();
        assertThat(rows).hasSize(1 + 40 - 28);
        assertThat(rows.get(rows.size() - 1)[4]).isEqualTo("true");
    }

    @Test
    void farringtonOnTheChicagoWeeklyReferenceSeries() throws IOException {
        Path weekly = Path.of("../geo/src/test/resources/reference/aberration/chicago_weekly.csv");
        CliRun r = CliRun.of("stats", "farrington", "--input", weekly.toString(), "--variant", "farrington1996",
                "--from", "2019-01-07");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String[]> rows = r.rows();
        assertThat(rows.get(0)).containsExactly("date", "observed", "expected", "upper_bound", "alarm");
        assertThat(rows.get(1)[0]).isEqualTo("2019-01-07");
        double expected = Double.parseDouble(rows.get(1)[2]);
        double upper = Double.parseDouble(rows.get(1)[3]);
        assertThat(upper).isGreaterThan(expected).isGreaterThan(0);
    }

    @Test
    void farringtonRefusesAGapInTheWeeks() throws IOException {
        Path f = write("weeks.csv", "date,count", "2025-01-06,3", "2025-01-13,4", "2025-01-27,5");
        CliRun r = CliRun.of("stats", "farrington", "--input", f.toString(), "--variant", "noufaily");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).contains(f.toString()).contains("row 3").contains("does not follow")
                .doesNotContain("\n");
    }

    @Test
    void earsRefusesNegativeCountsAndMissingColumns() throws IOException {
        Path negative = write("neg.csv", "date,count", "2025-01-01,3", "2025-01-02,-1");
        CliRun r = CliRun.of("stats", "ears", "--input", negative.toString(), "--method", "C2");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("row 2").contains("negative count");
        Path noCount = write("nocount.csv", "date,n", "2025-01-01,3");
        CliRun r2 = CliRun.of("stats", "ears", "--input", noCount.toString(), "--method", "C1");
        assertThat(r2.exitCode()).isEqualTo(2);
        assertThat(r2.err()).contains("no column 'count'");
    }

    /**
     * The rsatscan vignette run (published: 3 clusters, none with p < .05). Whether the third
     * secondary cluster is reported depends on the Monte Carlo draw: 15 of seeds 1..20 give 3
     * clusters, the others a 4th with p >= 0.997; seed 1 gives 3.
     */
    @Test
    void scanOnNycFeverReproducesThePublishedShape() {
        Path samples = DATA.resolve("satscan-samples");
        CliRun r = CliRun.of("stats", "scan", "--cases", samples.resolve("NYCfever.cas").toString(), "--coordinates",
                samples.resolve("NYCfever.geo").toString(), "--model", "space-time-permutation", "--analysis",
                "prospective", "--start", "2001/11/1", "--end", "2001/11/24", "--prospective-start", "2001/11/24",
                "--max-radius", "3", "--max-fraction", "0.5", "--max-days", "7", "--replications", "999", "--seed",
                "1", "--latlon");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("192 locations, 194 cases, 3 clusters");
        List<String[]> rows = r.rows();
        assertThat(rows.get(0)).containsExactly("rank", "centre", "radius", "locations", "start", "end", "observed",
                "expected", "llr", "p_value", "recurrence_days", "gumbel_p");
        assertThat(rows).hasSize(4);
        for (String[] row : rows.subList(1, 4)) {
            assertThat(Double.parseDouble(row[9])).isGreaterThanOrEqualTo(0.05);
        }
        // The most likely cluster, checked independently by make_nycfever_scan.R (brute force in R):
        // centre 11418, 9 ZIP codes, 22-24 Nov, 4 cases, E = 0.670103..., LLR = 3.845418...
        String[] top = rows.get(1);
        assertThat(top[1]).isEqualTo("11418");
        assertThat(top[3].split(";")).hasSize(9);
        assertThat(top[4]).isEqualTo("2001-11-22");
        assertThat(top[5]).isEqualTo("2001-11-24");
        assertThat(top[6]).isEqualTo("4");
        assertThat(Double.parseDouble(top[7])).isCloseTo(0.67010309278350511, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Double.parseDouble(top[8])).isCloseTo(3.845418371060462, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void scanReportsUnknownLocationsAndOutOfPeriodDatesWithTheirRow() throws IOException {
        Path geo = write("s.geo", "a 0 0", "b 1 0", "c 5 5");
        Path unknown = write("u.cas", "a 2 2025/3/1", "zz 1 2025/3/2");
        CliRun r = CliRun.of("stats", "scan", "--cases", unknown.toString(), "--coordinates", geo.toString(), "--model",
                "space-time-permutation", "--analysis", "retrospective", "--start", "2025/3/1", "--end", "2025/3/5");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(unknown.toString() + " row 2").contains("unknown location 'zz'");
        Path late = write("l.cas", "a 2 2025/3/1", "b 1 2025/4/2");
        CliRun r2 = CliRun.of("stats", "scan", "--cases", late.toString(), "--coordinates", geo.toString(), "--model",
                "space-time-permutation", "--analysis", "retrospective", "--start", "2025/3/1", "--end", "2025/3/5");
        assertThat(r2.exitCode()).isEqualTo(2);
        assertThat(r2.err()).contains("row 2").contains("outside the study period");
        Path negative = write("n.cas", "a -2 2025/3/1");
        CliRun r3 = CliRun.of("stats", "scan", "--cases", negative.toString(), "--coordinates", geo.toString(), "--model",
                "space-time-permutation", "--start", "2025/3/1", "--end", "2025/3/5");
        assertThat(r3.exitCode()).isEqualTo(2);
        assertThat(r3.err()).contains("row 1").contains("negative count");
    }

    @Test
    void purelySpatialPoissonFromAFileWithoutDates() throws IOException {
        Path geo = write("p.geo", "a 0 0", "b 1 0", "c 2 0", "d 3 0", "e 4 0");
        Path cases = write("p.cas", "a 8", "b 6", "c 2", "d 2", "e 2");
        Path pop = write("p.pop", "a 2025 100", "b 2025 100", "c 2025 100", "d 2025 100", "e 2025 100");
        CliRun r = CliRun.of("stats", "scan", "--cases", cases.toString(), "--coordinates", geo.toString(), "--population",
                pop.toString(), "--model", "poisson", "--replications", "99");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String[] top = r.rows().get(1);
        assertThat(top[1]).isEqualTo("a");
        assertThat(top[3]).isEqualTo("a;b");
        assertThat(top[4]).isEmpty();
        assertThat(Double.parseDouble(top[8]))
                .isCloseTo(14 * Math.log(14.0 / 8) + 6 * Math.log(6.0 / 12), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void forecastScoreHandWorked() throws IOException {
        List<String> cells = new ArrayList<>();
        cells.add("x,y,score");
        for (int i = 0; i < 10; i++) {
            cells.add((i * 100) + ",0," + (10 - i));
        }
        Path forecast = write("f.csv", cells.toArray(new String[0]));
        Path events = write("e.csv", "x,y", "50,50", "50,60", "50,70", "150,10", "520,99", "520,98", "520,97",
                "520,96", "999,1", "905,80");
        CliRun r = CliRun.of("stats", "forecast-score", "--forecast", forecast.toString(), "--cell", "100", "--events",
                events.toString(), "--coverage", "0.2");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String[] row = r.rows().get(1);
        assertThat(row[1]).isEqualTo("2");
        assertThat(Double.parseDouble(row[2])).isEqualTo(0.4);
        assertThat(Double.parseDouble(row[3])).isEqualTo(2.0);
        assertThat(Double.parseDouble(row[4])).isCloseTo(4.0 / 7, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void helpDescribesEachCommand() {
        for (String cmd : List.of("farrington", "ears", "cusum", "scan", "forecast-score")) {
            CliRun r = CliRun.of("stats", cmd, "--help");
            assertThat(r.exitCode()).isZero();
            assertThat(r.out()).contains("Usage: ember stats " + cmd);
        }
    }
}
