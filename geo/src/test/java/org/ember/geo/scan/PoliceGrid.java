package org.ember.geo.scan;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.ember.geo.crs.BritishNationalGrid;
import org.ember.geo.crs.ProjectedPoint;
import org.ember.geo.grid.GridCell;
import org.ember.geo.testdata.SharedData;

/**
 * Real police.uk points of South Wales gridded into 250 m cells of the British National Grid, the
 * input of the gridded scan tests and of the SaTScan fixture. police.uk gives months, not days, so
 * each record gets a day of its month from a seeded random stream in file order (the same every run).
 * Cells are Cartesian locations in km at the cell centre: multiples of 0.125 km, exact in binary, so
 * equal distances are exactly equal for both Ember and SaTScan.
 */
final class PoliceGrid {
    /** One record: its cell, day and WGS84 position (to place it in an LSOA as the stream does). */
    record Point(GridCell cell, LocalDate day, boolean violence, double lon, double lat) {}

    private PoliceGrid() {}

    static String id(GridCell cell) {
        return "c" + cell.column() + "_" + cell.row();
    }

    static ScanLocation location(GridCell cell) {
        return new ScanLocation(id(cell), cell.centreX() / 1000, cell.centreY() / 1000);
    }

    /** Records of the South Wales files for the given months whose LSOA name starts with {@code area}. */
    static List<Point> read(String area, YearMonth from, YearMonth to) throws IOException {
        List<Point> out = new ArrayList<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            Path file = SharedData.dir().resolve("police/south-wales/" + m + "-south-wales-street.csv.gz");
            SplittableRandom days = new SplittableRandom(m.getYear() * 100L + m.getMonthValue());
            try (BufferedReader in = new BufferedReader(new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
                in.readLine();
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    String[] f = line.split(",", -1);
                    int day = days.nextInt(m.lengthOfMonth());
                    // Location names may hold commas; the LSOA name and crime type are then shifted, so
                    // read them from the end (the last three columns never hold commas).
                    int n = f.length;
                    String lsoaName = f[n - 4];
                    String type = f[n - 3];
                    if (f[4].isEmpty() || !lsoaName.startsWith(area)) {
                        continue;
                    }
                    double lon = Double.parseDouble(f[4]);
                    double lat = Double.parseDouble(f[5]);
                    ProjectedPoint p = BritishNationalGrid.fromWgs84(lon, lat);
                    out.add(new Point(GridCell.containing(p.x(), p.y(), 250), m.atDay(day + 1),
                            type.equals("Violence and sexual offences"), lon, lat));
                }
            }
        }
        return out;
    }

    /** Violence cases per cell and day within [first, last]. */
    static List<ScanCase> violence(List<Point> points, LocalDate first, LocalDate last) {
        Map<String, Map<LocalDate, Long>> counts = new TreeMap<>();
        for (Point p : points) {
            if (p.violence() && !p.day().isBefore(first) && !p.day().isAfter(last)) {
                counts.computeIfAbsent(id(p.cell()), k -> new TreeMap<>()).merge(p.day(), 1L, Long::sum);
            }
        }
        List<ScanCase> out = new ArrayList<>();
        counts.forEach((cell, byDay) -> byDay.forEach((day, n) -> out.add(new ScanCase(cell, n, day))));
        return out;
    }

    /** The cells of the given cases, sorted by id. */
    static List<ScanLocation> cells(List<Point> points, List<ScanCase> cases) {
        Map<String, ScanLocation> byId = new TreeMap<>();
        java.util.Set<String> used = new java.util.HashSet<>();
        cases.forEach(c -> used.add(c.location()));
        for (Point p : points) {
            if (used.contains(id(p.cell()))) {
                byId.putIfAbsent(id(p.cell()), location(p.cell()));
            }
        }
        return new ArrayList<>(byId.values());
    }

    /** Every record of any type per cell: the Poisson model's population at risk. */
    static Map<String, Double> population(List<Point> points, List<ScanLocation> cells) {
        Map<String, Double> pop = new TreeMap<>();
        cells.forEach(c -> pop.put(c.id(), 0.0));
        for (Point p : points) {
            pop.computeIfPresent(id(p.cell()), (k, v) -> v + 1);
        }
        return pop;
    }
}
