package org.ember.geo.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Ember's scan against SaTScan 10.3.2 itself (built from its public source outside the repo) on 250 m
 * cells of real police.uk points of Cardiff, March 2025, where equal distances are everywhere. The
 * SaTScan input and output files are in {@code reference/scan/satscan-cardiff} (see its README for
 * the commands). Every cluster SaTScan reports, most likely and secondary: centre, members in
 * SaTScan's order (ties included), radius, window, observed, expected and LLR as SaTScan prints them. P-values come from different random generators, so they
 * are compared as two Monte Carlo estimates of the same p with 999 replications each.
 */
class SatScanGriddedTest {
    private static final String DIR = "/reference/scan/satscan-cardiff/";
    private static final LocalDate FIRST = LocalDate.of(2025, 3, 1);
    private static final LocalDate LAST = LocalDate.of(2025, 3, 31);

    /** One row of SaTScan's cluster file ({@code .col.txt}) with the members from its {@code .gis.txt}. */
    record SatScanCluster(int rank, String centre, double radius, LocalDate start, LocalDate end, int locations,
            double llr, double pValue, long observed, double expected, List<String> members) {}

    @Test
    void spaceTimePermutationProspectiveEqualsSaTScan() throws Exception {
        ScanParameters p = new ScanParameters(ScanModel.SPACE_TIME_PERMUTATION, ScanAnalysis.PROSPECTIVE, FIRST, LAST,
                1.0, 0.5, 7, 999, 20250331L, 2);
        compare("stp_prospective", p, false, true);
    }

    @Test
    void poissonProspectiveSpaceTimeEqualsSaTScan() throws Exception {
        ScanParameters p = new ScanParameters(ScanModel.POISSON, ScanAnalysis.PROSPECTIVE, FIRST, LAST,
                1.0, 0.5, 7, 0, 1L, 2);
        compare("poisson_prospective", p, true, false);
    }

    @Test
    void purelySpatialPoissonEqualsSaTScan() throws Exception {
        ScanParameters p = new ScanParameters(ScanModel.POISSON, ScanAnalysis.PURELY_SPATIAL, FIRST, LAST,
                1.0, 0.5, 1, 0, 1L, 2);
        compare("poisson_spatial", p, true, false);
    }

    private static void compare(String analysis, ScanParameters p, boolean population, boolean pValues)
            throws Exception {
        List<ScanLocation> cells = SatScanFiles.readCoordinates(file("cardiff.geo"));
        List<ScanCase> cases = SatScanFiles.readCases(file("cardiff.cas"));
        Map<String, Double> pop = population ? SatScanFiles.readPopulation(file("cardiff.pop")) : null;
        ScanResult ours = new KulldorffScan(cells, CoordinateSystem.CARTESIAN, p).run(cases, pop);
        List<SatScanCluster> theirs = read(analysis);
        assertThat(theirs).as("SaTScan reported clusters").isNotEmpty();
        assertThat(ours.clusters()).hasSizeGreaterThanOrEqualTo(theirs.size());
        boolean partialRing = false;
        for (SatScanCluster t : theirs) {
            ScanCluster o = ours.clusters().get(t.rank() - 1);
            String as = analysis + " cluster " + t.rank();
            assertThat(o.centre()).as(as).isEqualTo(t.centre());
            assertThat(o.locations()).as(as).hasSize(t.locations()).containsExactlyElementsOf(t.members());
            assertThat(o.radius()).as(as).isCloseTo(t.radius(), within(0.005 + 1e-9));
            assertThat(o.observed()).as(as).isEqualTo(t.observed());
            assertThat(o.expected()).as(as).isCloseTo(t.expected(), within(0.005 + 1e-9));
            assertThat(o.llr()).as(as).isCloseTo(t.llr(), within(5e-7 + 1e-9));
            if (p.analysis() != ScanAnalysis.PURELY_SPATIAL) {
                assertThat(o.start()).as(as).isEqualTo(t.start());
                assertThat(o.end()).as(as).isEqualTo(t.end());
            }
            if (pValues) {
                // Two independent estimates with 999 replications each: their difference has a standard
                // error of about sqrt(2 p (1 - p) / 1000); allow 4 of them plus the 1/1000 granularity.
                double pBar = (o.pValue() + t.pValue()) / 2;
                double tolerance = 4 * Math.sqrt(2 * pBar * (1 - pBar) / 1000) + 0.002;
                assertThat(o.pValue()).as(as + " p-value").isCloseTo(t.pValue(), within(tolerance));
            }
            partialRing |= stopsInsideARing(o, cells);
        }
        assertThat(partialRing).as("some compared cluster stops inside a ring of equal distances").isTrue();
    }

    private static boolean stopsInsideARing(ScanCluster c, List<ScanLocation> cells) {
        ScanLocation centre = cells.stream().filter(l -> l.id().equals(c.centre())).findFirst().orElseThrow();
        return cells.stream().filter(l -> !c.locations().contains(l.id()))
                .anyMatch(l -> Math.hypot(l.x() - centre.x(), l.y() - centre.y()) == c.radius());
    }

    private static Path file(String name) throws URISyntaxException {
        return Path.of(SatScanGriddedTest.class.getResource(DIR + name).toURI());
    }

    /** SaTScan's ASCII cluster and location files, read by their column headers. */
    static List<SatScanCluster> read(String analysis) throws IOException, URISyntaxException {
        Map<Integer, List<String>> members = new HashMap<>();
        for (Map<String, String> row : table(file(analysis + ".gis.txt"))) {
            members.computeIfAbsent(Integer.parseInt(row.get("CLUSTER")), k -> new ArrayList<>()).add(row.get("LOC_ID"));
        }
        List<SatScanCluster> out = new ArrayList<>();
        for (Map<String, String> row : table(file(analysis + ".col.txt"))) {
            int rank = Integer.parseInt(row.get("CLUSTER"));
            out.add(new SatScanCluster(rank, row.get("LOC_ID"), Double.parseDouble(row.get("RADIUS")),
                    date(row.get("START_DATE")), date(row.get("END_DATE")), Integer.parseInt(row.get("NUMBER_LOC")),
                    Double.parseDouble(row.getOrDefault("LLR", row.get("TEST_STAT"))),
                    Double.parseDouble(row.get("P_VALUE")), Long.parseLong(row.get("OBSERVED")),
                    Double.parseDouble(row.get("EXPECTED")), members.getOrDefault(rank, List.of())));
        }
        return out;
    }

    private static LocalDate date(String text) {
        return text == null ? null : SatScanFiles.parseDate(Path.of("satscan"), 0, text);
    }

    private static List<Map<String, String>> table(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String[] header = lines.get(0).trim().split("\\s+");
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length && i < f.length; i++) {
                row.put(header[i], f[i]);
            }
            rows.add(row);
        }
        return rows;
    }
}
