package org.ember.geo.scan;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * Writes the SaTScan input of {@link SatScanGriddedTest}: violence on 250 m cells of real police.uk
 * points of Cardiff in March 2025 (days drawn as in {@link PoliceGrid}), as SaTScan's case,
 * coordinates (km of the British National Grid, exact multiples of 0.125) and population files. Run
 * (after test-compile) with the output folder as argument; see the folder's README for SaTScan.
 */
public final class SatScanFixtureWriter {
    static final LocalDate FIRST = LocalDate.of(2025, 3, 1);
    static final LocalDate LAST = LocalDate.of(2025, 3, 31);

    private SatScanFixtureWriter() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        List<PoliceGrid.Point> points = PoliceGrid.read("Cardiff", YearMonth.of(2025, 1), YearMonth.of(2025, 6));
        List<ScanCase> cases = PoliceGrid.violence(points, FIRST, LAST);
        List<ScanLocation> cells = PoliceGrid.cells(points, cases);
        Map<String, Double> population = PoliceGrid.population(points, cells);
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("cardiff.cas"), StandardCharsets.UTF_8))) {
            for (ScanCase c : cases) {
                w.printf("%s %d %d/%d/%d%n", c.location(), c.count(), c.date().getYear(), c.date().getMonthValue(),
                        c.date().getDayOfMonth());
            }
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("cardiff.geo"), StandardCharsets.UTF_8))) {
            for (ScanLocation l : cells) {
                w.printf("%s %s %s%n", l.id(), plain(l.x()), plain(l.y()));
            }
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("cardiff.pop"), StandardCharsets.UTF_8))) {
            for (ScanLocation l : cells) {
                w.printf("%s 2025 %d%n", l.id(), population.get(l.id()).longValue());
            }
        }
        System.out.printf("%d case rows, %d cells%n", cases.size(), cells.size());
    }

    private static String plain(double v) {
        return new java.math.BigDecimal(v).toPlainString();
    }
}
