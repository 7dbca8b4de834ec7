package org.ember.geo.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KulldorffScanTest {
    private static final Path DATA = Path.of(System.getProperty("ember.data.dir", "../../shared/data"));
    private static final LocalDate DAY1 = LocalDate.of(2025, 3, 1);

    /** Five locations on a line 1 km apart: a, b, c, d, e. */
    private static List<ScanLocation> line() {
        return List.of(new ScanLocation("a", 0, 0), new ScanLocation("b", 1, 0), new ScanLocation("c", 2, 0),
                new ScanLocation("d", 3, 0), new ScanLocation("e", 4, 0));
    }

    private static ScanParameters spatialPoisson(int replications) {
        return new ScanParameters(ScanModel.POISSON, ScanAnalysis.PURELY_SPATIAL, DAY1, DAY1,
                Double.POSITIVE_INFINITY, 0.5, 1, replications, 7L, 2);
    }

    @Test
    void poissonLlrMatchesTheFormula() {
        // c = 10, E = 4, C = 20: 10 ln(10/4) + 10 ln(10/16).
        assertThat(KulldorffScan.poissonLlr(10, 4, 20))
                .isCloseTo(10 * Math.log(2.5) + 10 * Math.log(10.0 / 16), within(1e-12));
        assertThat(KulldorffScan.poissonLlr(3, 4, 20)).isZero();
        assertThat(KulldorffScan.poissonLlr(5, 2, 5)).isCloseTo(5 * Math.log(2.5), within(1e-12));
    }

    @Test
    void purelySpatialPoissonFindsTheHandWorkedCluster() {
        // Equal populations (share 0.2 each), cases a..e = 8, 6, 2, 2, 2 (C = 20). Circles up to
        // 50 % of the population: {a} E=4, {a,b} E=8 (ties at 1 km from b: {b,a,c} E=12 is too big).
        // {a,b}: 14 ln(14/8) + 6 ln(6/12) = 3.6756...; {a}: 8 ln 2 + 12 ln(12/16) = 2.0929...
        List<ScanCase> cases = List.of(new ScanCase("a", 8, null), new ScanCase("b", 6, null),
                new ScanCase("c", 2, null), new ScanCase("d", 2, null), new ScanCase("e", 2, null));
        Map<String, Double> pop = Map.of("a", 100.0, "b", 100.0, "c", 100.0, "d", 100.0, "e", 100.0);
        ScanResult r = new KulldorffScan(line(), CoordinateSystem.CARTESIAN, spatialPoisson(99)).run(cases, pop);
        ScanCluster top = r.clusters().get(0);
        assertThat(top.centre()).isEqualTo("a");
        assertThat(top.locations()).containsExactly("a", "b");
        assertThat(top.observed()).isEqualTo(14);
        assertThat(top.expected()).isCloseTo(8.0, within(1e-12));
        assertThat(top.llr()).isCloseTo(14 * Math.log(14.0 / 8) + 6 * Math.log(6.0 / 12), within(1e-9));
        assertThat(top.radius()).isCloseTo(1.0, within(1e-12));
        assertThat(top.pValue()).isGreaterThan(0).isLessThanOrEqualTo(1);
        assertThat(top.recurrenceDays()).as("only prospective analyses have one").isNaN();
    }

    @Test
    void pValueIsRankOverReplicationsPlusOne() {
        List<ScanCase> cases = List.of(new ScanCase("a", 30, null), new ScanCase("b", 1, null),
                new ScanCase("c", 1, null), new ScanCase("d", 1, null), new ScanCase("e", 1, null));
        Map<String, Double> pop = Map.of("a", 1.0, "b", 1.0, "c", 1.0, "d", 1.0, "e", 1.0);
        ScanResult r = new KulldorffScan(line(), CoordinateSystem.CARTESIAN, spatialPoisson(99)).run(cases, pop);
        ScanCluster top = r.clusters().get(0);
        long atLeast = java.util.Arrays.stream(r.replicateMaxima()).filter(m -> m >= top.llr()).count();
        assertThat(top.pValue()).isEqualTo((1 + atLeast) / 100.0);
        assertThat(top.pValue()).isEqualTo(0.01);
    }

    @Test
    void resultsAreReproducibleWithASeed() {
        List<ScanCase> cases = List.of(new ScanCase("a", 5, null), new ScanCase("c", 3, null),
                new ScanCase("e", 2, null));
        Map<String, Double> pop = Map.of("a", 1.0, "b", 2.0, "c", 1.0, "d", 1.0, "e", 3.0);
        ScanResult r1 = new KulldorffScan(line(), CoordinateSystem.CARTESIAN, spatialPoisson(49)).run(cases, pop);
        ScanResult r2 = new KulldorffScan(line(), CoordinateSystem.CARTESIAN, spatialPoisson(49)).run(cases, pop);
        assertThat(r1.clusters()).isEqualTo(r2.clusters());
        assertThat(r1.replicateMaxima()).containsExactly(r2.replicateMaxima());
    }

    @Test
    void spaceTimePermutationExpectedComesFromTheMargins() {
        // 2 locations 10 km apart, 3 days. a: day1 1, day3 4; b: day1 2, day2 2, day3 1 (C = 10).
        // Prospective, max 1 day: cylinder {a} x day3: c = 4, E = C_a * C_day3 / C = 5 * 5 / 10 = 2.5.
        List<ScanLocation> locs = List.of(new ScanLocation("a", 0, 0), new ScanLocation("b", 10, 0));
        List<ScanCase> cases = List.of(new ScanCase("a", 1, DAY1), new ScanCase("a", 4, DAY1.plusDays(2)),
                new ScanCase("b", 2, DAY1), new ScanCase("b", 2, DAY1.plusDays(1)), new ScanCase("b", 1, DAY1.plusDays(2)));
        ScanParameters p = new ScanParameters(ScanModel.SPACE_TIME_PERMUTATION, ScanAnalysis.PROSPECTIVE, DAY1,
                DAY1.plusDays(2), 5, 0.5, 1, 0, 1L, 2);
        ScanCluster top = new KulldorffScan(locs, CoordinateSystem.CARTESIAN, p).run(cases, null).clusters().get(0);
        assertThat(top.locations()).containsExactly("a");
        assertThat(top.start()).isEqualTo(DAY1.plusDays(2));
        assertThat(top.end()).isEqualTo(DAY1.plusDays(2));
        assertThat(top.expected()).isCloseTo(2.5, within(1e-12));
        assertThat(top.llr()).isCloseTo(4 * Math.log(4 / 2.5) + 6 * Math.log(6 / 7.5), within(1e-12));
        assertThat(top.pValue()).isNaN();
    }

    @Test
    void rejectsUnknownLocationsAndDatesOutsideTheStudy() {
        ScanParameters p = new ScanParameters(ScanModel.SPACE_TIME_PERMUTATION, ScanAnalysis.RETROSPECTIVE, DAY1,
                DAY1.plusDays(5), 5, 0.5, 2, 0, 1L, 2);
        KulldorffScan scan = new KulldorffScan(line(), CoordinateSystem.CARTESIAN, p);
        assertThatThrownBy(() -> scan.run(List.of(new ScanCase("zz", 1, DAY1)), null))
                .hasMessageContaining("unknown location zz");
        assertThatThrownBy(() -> scan.run(List.of(new ScanCase("a", 1, DAY1.plusDays(9))), null))
                .hasMessageContaining("outside the study period");
    }

    @Test
    void nycFeverMatchesTheIndependentRScanAndThePublishedShape() throws IOException {
        Path dir = DATA.resolve("satscan-samples");
        List<ScanCase> cases = SatScanFiles.readCases(dir.resolve("NYCfever.cas"));
        List<ScanLocation> locs = SatScanFiles.readCoordinates(dir.resolve("NYCfever.geo"));
        ScanParameters p = new ScanParameters(ScanModel.SPACE_TIME_PERMUTATION, ScanAnalysis.PROSPECTIVE,
                LocalDate.of(2001, 11, 1), LocalDate.of(2001, 11, 24), 3.0, 0.5, 7, 999, 1L, 2);
        ScanResult r = new KulldorffScan(locs, CoordinateSystem.LAT_LON, p).run(cases, null);
        assertThat(r.locations()).isEqualTo(192);
        assertThat(r.totalCases()).isEqualTo(194);
        assertThat(r.clusters()).hasSize(3);
        assertThat(r.clusters()).allSatisfy(c -> assertThat(c.pValue()).isGreaterThanOrEqualTo(0.05));

        List<String[]> expected = readFixture("/reference/scan/nycfever_best_per_centre.csv");
        String[] best = expected.get(0);
        ScanCluster top = r.clusters().get(0);
        assertThat(top.centre()).isEqualTo(best[0]);
        assertThat(top.locations()).hasSize(Integer.parseInt(best[1]));
        assertThat(top.radius()).isCloseTo(Double.parseDouble(best[2]), within(1e-9));
        assertThat(top.start()).isEqualTo(LocalDate.of(2001, 11, Integer.parseInt(best[3]) + 0));
        assertThat(top.observed()).isEqualTo(Long.parseLong(best[4]));
        assertThat(top.expected()).isCloseTo(Double.parseDouble(best[5]), within(1e-9));
        assertThat(top.llr()).isCloseTo(Double.parseDouble(best[6]), within(1e-9));
        assertThat(String.join(";", top.locations())).isEqualTo(best[7]);
        assertThat(top.recurrenceDays()).isCloseTo(1 / top.pValue(), within(1e-12));
    }

    private static List<String[]> readFixture(String resource) throws IOException {
        try (InputStream in = KulldorffScanTest.class.getResourceAsStream(resource)) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n");
            List<String[]> rows = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                String[] cells = lines[i].split(",");
                for (int c = 0; c < cells.length; c++) {
                    cells[c] = cells[c].trim();
                }
                rows.add(cells);
            }
            return rows;
        }
    }
}
